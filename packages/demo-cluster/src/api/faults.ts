/** What a faulty pod's proxy does: never answer, answer bytes that are no metrics, or 500. */
export type PodFaultMode = 'hang' | 'garbage' | 'error';

/** Fault hooks for tests of clients against a misbehaving cluster. */
export interface DemoFaults {
  /** Answer every authenticated request with 403 Forbidden. */
  forbidAll?: boolean;
  /** Per pod name: how that pod's proxy misbehaves. */
  pods?: Record<string, PodFaultMode>;
  /** Delay every answer by this many milliseconds. */
  latencyMs?: number;
}
