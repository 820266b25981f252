import { interpretGpuSharing } from '../gpu/interpretGpuSharing';
import {
  hpasTargeting,
  isHpaOfScaledObject,
  scaledObjectsTargeting,
} from '../status/autoscalerView';
import type { SlimHpa } from '../types/status';
import type { FindingsContext, FindingsInput } from './types';

function toMs(now: FindingsInput['now']): number {
  if (now === undefined) return Date.now();
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'number') return now;
  const ms = Date.parse(now);
  return Number.isFinite(ms) ? ms : Date.now();
}

/** Derives the facts the rules share from a {@link FindingsInput}. */
export function buildFindingsContext(input: FindingsInput): FindingsContext {
  const { deployment } = input;
  const allHpas = input.hpas ?? [];
  const allSos = input.scaledObjects ?? [];
  const hpas = deployment ? hpasTargeting(deployment, allHpas) : allHpas;
  const scaledObjects = deployment
    ? scaledObjectsTargeting(deployment, allSos)
    : allSos;
  const kedaHpaOf = new Map<string, SlimHpa>();
  for (const so of scaledObjects) {
    const own = hpas.find(h => isHpaOfScaledObject(h, so));
    if (own) kedaHpaOf.set(so.meta.name, own);
  }
  const owned = new Set(kedaHpaOf.values());
  const podSpec = deployment?.template.spec ?? input.podSpec;
  const pods = input.pods ?? [];
  let gpu = input.gpu;
  if (!gpu) {
    const source = pods.length > 0 ? pods : podSpec;
    gpu = source
      ? interpretGpuSharing(source, input.nodes ?? [])
      : {
          mode: 'none',
          perPod: 0,
          memoryIsolation: true,
          spot: false,
          nodes: [],
        };
  }
  const configs = new Map<
    string,
    {
      model: string;
      config: NonNullable<FindingsContext['tritonConfigs'][number]['config']>;
    }
  >();
  for (const f of input.triton ?? [])
    if (f.config) configs.set(f.model, { model: f.model, config: f.config });
  for (const c of input.tritonConfigs ?? []) configs.set(c.model, c);
  return {
    input,
    podSpec,
    workload: deployment ? `Deployment/${deployment.meta.name}` : undefined,
    hpas,
    independentHpas: hpas.filter(h => !owned.has(h)),
    scaledObjects,
    kedaHpaOf,
    gpu,
    usesGpu: gpu.mode !== 'none',
    pods,
    tritonConfigs: [...configs.values()],
    nowMs: toMs(input.now),
  };
}
