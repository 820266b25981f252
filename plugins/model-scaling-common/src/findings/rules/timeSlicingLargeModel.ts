import type { Finding } from '../../types/status';
import { bytes } from '../format';
import type { FindingRule } from '../types';

const ID = 'time-slicing-large-model';
const MIB = 2 ** 20;
/** Without the GPU's memory size, a model this large is "large". */
const LARGE_MODEL_BYTES = 8 * 2 ** 30;

/** `time-slicing-large-model`: pods share GPU memory with no isolation and the model does not fit a fair share. */
export const timeSlicingLargeModelRule: FindingRule = {
  id: ID,
  description:
    'Time-slicing (no memory isolation) with a model too large for its share of GPU memory.',
  evaluate(ctx) {
    const { gpu } = ctx;
    const model = ctx.modelSizeBytes;
    if (
      gpu.memoryIsolation ||
      gpu.mode === 'none' ||
      gpu.mode === 'exclusive' ||
      model === undefined
    )
      return [];
    const memories = gpu.nodes
      .map(n => n.memoryMiB)
      .filter((m): m is number => m !== undefined);
    let deviceBytes = memories.length ? Math.min(...memories) * MIB : undefined;
    const migGb = gpu.migProfile
      ? Number(/\.(\d+)gb/.exec(gpu.migProfile)?.[1])
      : undefined;
    if (gpu.mode === 'mig' && migGb) deviceBytes = migGb * 2 ** 30;
    const sharers = gpu.replicas;
    const device = gpu.mode === 'mig' ? `MIG slice ${gpu.migProfile}` : 'GPU';
    let evidence: string;
    if (deviceBytes !== undefined && sharers !== undefined) {
      const share = deviceBytes / sharers;
      if (model <= share) return [];
      evidence =
        `Up to ${sharers} pods share each ${bytes(
          deviceBytes,
        )} ${device} by time-slicing, which does not partition memory; ` +
        `the ${bytes(model)} model needs more than a fair share (${bytes(
          share,
        )}), so pods placed together can run out of GPU memory (CUDA OOM) and take each other down.`;
    } else if (model >= LARGE_MODEL_BYTES) {
      evidence =
        `Pods share a ${device} by time-slicing, which does not partition memory, and the model is ${bytes(
          model,
        )}` +
        `${
          sharers ? ` with up to ${sharers} pods per device` : ''
        }; the device memory is not known here, so check that ${
          sharers ?? 'all'
        } copies fit.`;
    } else {
      return [];
    }
    const finding: Finding = {
      id: ID,
      severity: 'warning',
      title: `A ${bytes(
        model,
      )} model is time-sliced on a shared ${device} without memory isolation`,
      evidence,
      fix: 'Give each pod isolated memory — a MIG profile large enough for the model, or MPS (which enforces a per-client memory limit) — or an exclusive GPU, or lower the time-slicing replicas so replicas × model size fits the device.',
    };
    if (ctx.workload) finding.subject = ctx.workload;
    return [finding];
  },
};
