import type { Finding } from '../../types/status';
import type { FindingRule } from '../types';

const ID = 'cpu-metric-on-gpu';

/** `cpu-metric-on-gpu`: GPU pods scaled on CPU utilization. */
export const cpuMetricOnGpuRule: FindingRule = {
  id: ID,
  description: 'GPU pods are scaled on a CPU metric.',
  evaluate(ctx) {
    if (!ctx.usesGpu) return [];
    const gpu = `${ctx.gpu.resourceName ?? 'a GPU'} (${ctx.gpu.mode})`;
    const out: Finding[] = [];
    const push = (subject: string, target: string, others: number) =>
      out.push({
        id: ID,
        severity: others > 0 ? 'info' : 'warning',
        title: `${subject} scales GPU pods on CPU`,
        evidence:
          `The pods use ${gpu} and ${subject} has a CPU metric (target ${target}). GPU inference keeps the CPU nearly idle while requests queue on the GPU, ` +
          `so CPU utilization does not rise with load${
            others > 0
              ? `; ${others} other metric(s) may still drive scaling`
              : ''
          }.`,
        fix:
          'Scale on the work the GPU does: a KEDA prometheus trigger on the request rate per replica ' +
          '(sum(rate(nv_inference_request_success[1m]))) or on queue time (nv_inference_queue_duration_us), as the realtime-gpu golden path does.',
        subject,
      });
    for (const h of ctx.independentHpas) {
      const cpu = h.metrics.filter(
        m => (m.resource ?? m.containerResource)?.name === 'cpu',
      );
      for (const m of cpu) {
        const t = (m.resource ?? m.containerResource)!.target;
        const target =
          t.type === 'Utilization'
            ? `${t.averageUtilization} %`
            : String(t.averageValue ?? t.value);
        push(
          `HorizontalPodAutoscaler/${h.meta.name}`,
          target,
          h.metrics.length - cpu.length,
        );
      }
    }
    for (const so of ctx.scaledObjects) {
      const cpu = so.triggers.filter(t => t.type === 'cpu');
      for (const t of cpu)
        push(
          `ScaledObject/${so.meta.name}`,
          `${t.metadata.value ?? '?'} %`,
          so.triggers.length - cpu.length,
        );
    }
    return out;
  },
};
