import type { HpaBehavior } from '../types/status';

/** An HPA behavior with its scale-down stabilization window set, the rest kept. */
export function withScaleDownWindow(
  behavior: HpaBehavior | undefined,
  seconds: number,
): HpaBehavior {
  return {
    ...behavior,
    scaleDown: { ...behavior?.scaleDown, stabilizationWindowSeconds: seconds },
  };
}
