import { DEFAULT_PATTERN_PRESETS } from '../../patterns/presets';
import type { Finding } from '../../types/status';
import type { FindingRule } from '../types';

const DEFAULT_WINDOW = 300;

const ID = 'default-scale-down-window';

/** `default-scale-down-window`: no explicit scale-down stabilization window, so the controller's 300 s applies. */
export const defaultScaleDownWindowRule: FindingRule = {
  id: ID,
  description:
    'The autoscaler relies on the 300 s default scale-down stabilization window.',
  evaluate(ctx) {
    const { pattern } = ctx;
    const preset = pattern
      ? DEFAULT_PATTERN_PRESETS[pattern].behavior
          .scaleDownStabilizationWindowSeconds
      : undefined;
    const suggestion =
      preset !== undefined
        ? `${preset} s, the ${pattern} golden-path value`
        : 'a value that matches how fast your load falls, e.g. 60–120 s';
    const cost = ctx.usesGpu
      ? ` Each replica holds ${
          ctx.gpu.resourceName ?? 'a GPU'
        } idle for those 5 minutes after every burst.`
      : '';
    const severity = ctx.usesGpu ? 'warning' : 'info';
    const out: Finding[] = [];
    for (const h of ctx.independentHpas) {
      if (h.behavior?.scaleDown?.stabilizationWindowSeconds !== undefined)
        continue;
      const subject = `HorizontalPodAutoscaler/${h.meta.name}`;
      out.push({
        id: ID,
        severity,
        title: `${subject} keeps replicas for the default ${DEFAULT_WINDOW} s after load drops`,
        evidence:
          `spec.behavior.scaleDown.stabilizationWindowSeconds is not set, so the controller's --horizontal-pod-autoscaler-downscale-stabilization of ${DEFAULT_WINDOW} s applies: ` +
          `replicas only fall to the highest recommendation of the last 5 minutes.${cost}`,
        fix: `Set spec.behavior.scaleDown.stabilizationWindowSeconds explicitly (${suggestion}) with a scaleDown policy that bounds each step.`,
        subject,
      });
    }
    for (const so of ctx.scaledObjects) {
      if (so.hpaBehavior?.scaleDown?.stabilizationWindowSeconds !== undefined)
        continue;
      const subject = `ScaledObject/${so.meta.name}`;
      out.push({
        id: ID,
        severity,
        title: `${subject} keeps replicas for the default ${DEFAULT_WINDOW} s after load drops`,
        evidence:
          `spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds is not set, so the HPA KEDA creates uses the ${DEFAULT_WINDOW} s default ` +
          `(on top of cooldownPeriod ${
            so.cooldownPeriod ?? 300
          } s before scaling to zero).${cost}`,
        fix: `Set spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds (${suggestion}).`,
        subject,
      });
    }
    return out;
  },
};
