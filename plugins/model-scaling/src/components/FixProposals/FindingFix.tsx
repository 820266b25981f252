import type { Finding } from '@internal/plugin-model-scaling-common';
import { useFixProposals } from './FixProposalsContext';
import { ProposeFixButton } from './ProposeFixButton';

/**
 * "Propose this fix" under a finding whose fix is a change of the service's
 * files (and "Fix proposed: …" once proposed); nothing for findings about
 * the cluster, or outside a Scaling tab.
 */
export function FindingFix(props: { finding: Finding }) {
  const context = useFixProposals();
  const fix = context?.fixFor(props.finding);
  return fix ? <ProposeFixButton fix={fix} /> : null;
}
