import type { VerdictLevel } from '../types/status';

/** The words shown for each verdict level, the same on the Scaling tab and the fleet page. */
export const VERDICT_LABELS: Record<VerdictLevel, string> = {
  healthy: 'Healthy',
  'at-risk': 'At risk',
  failing: 'Failing',
  'not-deployed': 'Not deployed',
};
