import { Link } from '@backstage/core-components';
import type { FixProposalResult } from '@internal/plugin-model-scaling-common';
import { shortCommit } from './fixInWords';

/**
 * Where a proposed change is: the pull request (a link), or the branch and
 * commit of the local repository (the demo, which has no web page).
 */
export function ProposedChange(props: { result: FixProposalResult }) {
  const { result } = props;
  if (result.pullRequestUrl) {
    return (
      <Link to={result.pullRequestUrl} data-testid="fix-pull-request">
        {result.pullRequestUrl.replace(/^https?:\/\//, '')}
      </Link>
    );
  }
  return (
    <span data-testid="fix-branch">
      branch <code>{result.branch ?? '(unnamed)'}</code>
      {result.commit && (
        <>
          , commit{' '}
          <code title={result.commit}>{shortCommit(result.commit)}</code>
        </>
      )}
    </span>
  );
}
