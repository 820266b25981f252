import { Progress } from '@backstage/core-components';
import type { ScaffolderApi } from '@backstage/plugin-scaffolder-react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { FixIntent } from '@internal/plugin-model-scaling-common';
import { useEffect, useRef, useState } from 'react';
import { DiffView } from './DiffView';
import { AlreadyApplied, FixEditsList } from './FixEditsList';
import type { FixProposal } from './listFixProposals';
import { ProposedChange } from './ProposedChange';
import { FixStage, previewOf } from './fixStage';
import { FixTaskOutcome, runFixTask } from './runFixTask';

/** Props of {@link ProposeFixDialog}. */
export interface ProposeFixDialogProps {
  open: boolean;
  onClose(): void;
  entityRef: string;
  fixes: FixIntent[];
  scaffolderApi: Pick<ScaffolderApi, 'scaffold' | 'streamLogs'>;
  /** Called once the change is committed or the pull request opened. */
  onProposed?(proposal: FixProposal): void;
}

function failure(
  stage: 'preview' | 'propose',
  e: unknown,
  preview?: FixTaskOutcome,
): FixStage {
  return { phase: 'failed', stage, error: e as Error, preview };
}

/**
 * "Propose this fix": first a dry run of "Apply scaling fixes" against the
 * service's repository, which shows every edit in words and the unified
 * diff while nothing is written anywhere; then, on "Propose", the same fixes
 * for real, and the branch and commit (local repository) or the pull
 * request it made. A refusal (a field changed since, no source location, no
 * SCM integration, no permission) is shown with the action's own message,
 * and nothing is claimed as proposed.
 */
export function ProposeFixDialog(props: ProposeFixDialogProps) {
  const { open, onClose, entityRef, fixes, scaffolderApi, onProposed } = props;
  const [state, setState] = useState<FixStage>({ phase: 'previewing' });
  const abort = useRef<AbortController>();

  useEffect(() => {
    if (!open) return undefined;
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'previewing' });
    runFixTask(
      scaffolderApi,
      { entityRef, fixes, dryRun: true },
      { signal: controller.signal },
    ).then(
      preview => {
        if (!controller.signal.aborted) setState({ phase: 'preview', preview });
      },
      e => {
        if (!controller.signal.aborted) setState(failure('preview', e));
      },
    );
    return () => controller.abort();
    // The fixes of one opening are fixed; a new opening runs a new dry run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, entityRef, scaffolderApi]);

  const propose = (preview: FixTaskOutcome) => {
    const controller = abort.current;
    setState({ phase: 'proposing', preview });
    runFixTask(
      scaffolderApi,
      { entityRef, fixes, dryRun: false },
      { signal: controller?.signal },
    ).then(
      outcome => {
        if (controller?.signal.aborted) return;
        setState({ phase: 'proposed', preview, outcome });
        onProposed?.({
          taskId: outcome.taskId,
          createdAt: new Date().toISOString(),
          fixIds: outcome.result.fixes.map(f => f.id),
          result: outcome.result,
        });
      },
      e => {
        if (!controller?.signal.aborted) {
          setState(failure('propose', e, preview));
        }
      },
    );
  };

  const preview = previewOf(state);
  const shownFixes = preview ? preview.result.fixes : fixes;
  const nothingToChange =
    preview !== undefined && preview.result.files.length === 0;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="propose-fix-title"
    >
      <DialogTitle id="propose-fix-title">
        Propose {fixes.length === 1 ? 'this fix' : `${fixes.length} fixes`}
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" gutterBottom>
          A change to the repository of <code>{entityRef}</code>. Nothing is
          applied to a cluster: the service's own delivery does that once the
          change is merged.
        </Typography>
        {shownFixes.map(fix => (
          <FixEditsList key={fix.id} fix={fix} />
        ))}
        {preview && <AlreadyApplied edits={preview.result.alreadyApplied} />}
        {state.phase === 'previewing' && (
          <Box my={2} data-testid="fix-previewing">
            <Typography variant="body2">
              Reading the repository and computing the diff (dry run, nothing is
              written)…
            </Typography>
            <Progress />
          </Box>
        )}
        {preview && (
          <Box my={2} data-testid="fix-diff" aria-label="Diff" role="region">
            <Typography variant="subtitle2" gutterBottom>
              Diff ({preview.result.files.length} file
              {preview.result.files.length === 1 ? '' : 's'}, dry run: nothing
              written yet)
            </Typography>
            {nothingToChange ? (
              <Alert severity="info">
                The repository already holds these values; there is nothing to
                propose.
              </Alert>
            ) : (
              <DiffView diff={preview.result.diff} />
            )}
          </Box>
        )}
        {state.phase === 'proposing' && (
          <Box my={2}>
            <Typography variant="body2">Proposing the change…</Typography>
            <Progress />
          </Box>
        )}
        {state.phase === 'proposed' && (
          <Alert severity="success" data-testid="fix-proposed">
            Fix proposed: <ProposedChange result={state.outcome.result} />
          </Alert>
        )}
        {state.phase === 'failed' && (
          <Alert severity="error" data-testid="fix-error">
            {state.stage === 'preview'
              ? 'Could not compute the change; nothing was proposed. '
              : 'The change was not proposed; nothing was written. '}
            {state.error.message}
            {state.error.taskId
              ? ` (scaffolder task ${state.error.taskId})`
              : ''}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>
          {state.phase === 'proposed' ? 'Close' : 'Cancel'}
        </Button>
        {state.phase !== 'proposed' && (
          <Button
            color="primary"
            variant="contained"
            disabled={state.phase !== 'preview' || nothingToChange}
            onClick={() => state.phase === 'preview' && propose(state.preview)}
          >
            Propose
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
