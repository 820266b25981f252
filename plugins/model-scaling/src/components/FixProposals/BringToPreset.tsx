// long-file: the dialog's three stages (dry runs, proposals, results) share their per-service state.
import { Progress } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  ScaffolderApi,
  scaffolderApiRef,
} from '@backstage/plugin-scaffolder-react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { usePatternPresets } from '../../hooks/usePatternPresets';
import { DiffView } from './DiffView';
import { FixEditsList } from './FixEditsList';
import { PresetChange, PresetTarget, presetChangeFor } from './presetFixes';
import { ProposedChange } from './ProposedChange';
import { FixStage, previewOf } from './fixStage';
import { FixTaskOutcome } from './runFixTask';
import { FixTaskSettled, runFixTasks } from './runFixTasks';

function serviceLabel(service: PresetTarget): string {
  return service.title ?? service.name;
}

function canPropose(state: FixStage | undefined): boolean {
  return state?.phase === 'preview' && state.preview.result.files.length > 0;
}

function ServiceChange(props: { change: PresetChange; state?: FixStage }) {
  const { change, state } = props;
  const label = serviceLabel(change.service);
  const preview = previewOf(state);
  return (
    <Box
      component="section"
      aria-label={`Change for ${label}`}
      data-entity-ref={change.service.entityRef}
      py={1.5}
    >
      <Typography variant="subtitle1" component="h3">
        {label}{' '}
        <Typography variant="caption" color="textSecondary" component="span">
          {change.service.entityRef}
        </Typography>
      </Typography>
      {(preview ? preview.result.fixes : change.fixes).map(fix => (
        <FixEditsList key={fix.id} fix={fix} />
      ))}
      {change.unfixable.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Not a file change (left out):{' '}
          {change.unfixable
            .map(d => `${d.field} (${d.actual}, preset ${d.expected})`)
            .join('; ')}
        </Typography>
      )}
      {state?.phase === 'previewing' && <Progress />}
      {preview &&
        (preview.result.files.length === 0 ? (
          <Alert severity="info">
            The repository already holds the preset values; nothing to propose.
          </Alert>
        ) : (
          <DiffView diff={preview.result.diff} label={`Diff for ${label}`} />
        ))}
      {state?.phase === 'proposing' && <Progress />}
      {state?.phase === 'proposed' && (
        <Alert severity="success" data-testid="preset-proposed">
          Change proposed: <ProposedChange result={state.outcome.result} />
        </Alert>
      )}
      {state?.phase === 'failed' && (
        <Alert severity="error" data-testid="preset-error">
          {state.stage === 'preview'
            ? 'Could not compute the change; nothing proposed for this service. '
            : 'Not proposed; nothing was written for this service. '}
          {state.error.message}
        </Alert>
      )}
    </Box>
  );
}

function BringToPresetDialog(props: {
  changes: PresetChange[];
  scaffolderApi: ScaffolderApi;
  onClose(): void;
  onProposed?(): void;
}) {
  const { changes, scaffolderApi, onClose, onProposed } = props;
  const [states, setStates] = useState<Record<string, FixStage>>({});
  const [running, setRunning] = useState(true);
  const abort = useRef(new AbortController());
  const set = (ref: string, state: FixStage) =>
    setStates(s => ({ ...s, [ref]: state }));

  useEffect(() => {
    const controller = abort.current;
    setStates(
      Object.fromEntries(
        changes.map(c => [c.service.entityRef, { phase: 'previewing' }]),
      ),
    );
    runFixTasks(
      scaffolderApi,
      changes.map(c => ({ entityRef: c.service.entityRef, fixes: c.fixes })),
      {
        dryRun: true,
        signal: controller.signal,
        onSettled: (r: FixTaskSettled) => {
          if (controller.signal.aborted) return;
          set(
            r.entityRef,
            r.outcome
              ? { phase: 'preview', preview: r.outcome }
              : { phase: 'failed', stage: 'preview', error: r.error },
          );
        },
      },
    ).finally(() => !controller.signal.aborted && setRunning(false));
    return () => controller.abort();
    // One set of dry runs per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const ready = changes.filter(c => canPropose(states[c.service.entityRef]));
  const proposed = changes.filter(
    c => states[c.service.entityRef]?.phase === 'proposed',
  );
  const failed = changes.filter(
    c => states[c.service.entityRef]?.phase === 'failed',
  );

  const propose = () => {
    const controller = abort.current;
    const previews = new Map<string, FixTaskOutcome>();
    for (const c of ready) {
      const state = states[c.service.entityRef];
      if (state?.phase === 'preview') {
        previews.set(c.service.entityRef, state.preview);
        set(c.service.entityRef, {
          phase: 'proposing',
          preview: state.preview,
        });
      }
    }
    setRunning(true);
    runFixTasks(
      scaffolderApi,
      ready.map(c => ({ entityRef: c.service.entityRef, fixes: c.fixes })),
      {
        dryRun: false,
        signal: controller.signal,
        onSettled: r => {
          if (controller.signal.aborted) return;
          const preview = previews.get(r.entityRef)!;
          set(
            r.entityRef,
            r.outcome
              ? { phase: 'proposed', preview, outcome: r.outcome }
              : { phase: 'failed', stage: 'propose', error: r.error, preview },
          );
        },
      },
    ).finally(() => {
      if (!controller.signal.aborted) {
        setRunning(false);
        onProposed?.();
      }
    });
  };

  const done = proposed.length > 0 && !running;
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="bring-to-preset-title"
    >
      <DialogTitle id="bring-to-preset-title">
        Bring {changes.length} service{changes.length === 1 ? '' : 's'} to the
        golden-path preset
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" gutterBottom>
          One change per service, in its own repository. The diffs below are dry
          runs: nothing is written until you propose. Nothing is applied to a
          cluster; each service's delivery does that once its change is merged.
        </Typography>
        {done && (
          <Box my={1} data-testid="preset-summary">
            <Alert severity={failed.length > 0 ? 'warning' : 'success'}>
              {proposed.length} change{proposed.length === 1 ? '' : 's'}{' '}
              proposed
              {failed.length > 0 ? `, ${failed.length} not proposed` : ''}.
            </Alert>
            <ul aria-label="Changes proposed">
              {proposed.map(c => {
                const state = states[c.service.entityRef];
                return state?.phase === 'proposed' ? (
                  <li key={c.service.entityRef}>
                    <Typography variant="body2">
                      {serviceLabel(c.service)}:{' '}
                      <ProposedChange result={state.outcome.result} />
                    </Typography>
                  </li>
                ) : null;
              })}
            </ul>
          </Box>
        )}
        {changes.map((change, index) => (
          <Fragment key={change.service.entityRef}>
            {index > 0 && <Divider />}
            <ServiceChange
              change={change}
              state={states[change.service.entityRef]}
            />
          </Fragment>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
        {!done && (
          <Button
            color="primary"
            variant="contained"
            disabled={running || ready.length === 0}
            onClick={propose}
          >
            Propose {ready.length} change{ready.length === 1 ? '' : 's'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/**
 * "Bring to preset" for the services selected on the fleet page: one
 * change per drifted service, each setting its drifted fields to the
 * golden-path preset of its pattern in its own repository — dry-run diffs
 * first, then the changes proposed with their links, and each service's
 * error next to it (one failure never hides the others). Absent in an app
 * without the scaffolder.
 */
export function BringToPreset(props: {
  services: PresetTarget[];
  /** Called when the dialog closes after changes were proposed (e.g. to clear the selection). */
  onProposed?(): void;
}) {
  const proposedAny = useRef(false);
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  const presets = usePatternPresets();
  const [open, setOpen] = useState(false);
  const changes = useMemo(
    () =>
      props.services
        .filter(s => s.drift.length > 0)
        .map(s => presetChangeFor(s, presets))
        .filter(c => c.fixes.length > 0),
    [props.services, presets],
  );
  if (!scaffolderApi) return null;
  const skipped = props.services.length - changes.length;
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        disabled={changes.length === 0}
        onClick={() => setOpen(true)}
      >
        Bring to preset
        {changes.length > 0 ? ` (${changes.length})` : ''}
      </Button>
      {skipped > 0 && (
        <Typography variant="caption" color="textSecondary">
          {skipped} selected service{skipped === 1 ? ' has' : 's have'} no drift
          a file change can fix
        </Typography>
      )}
      {open && (
        <BringToPresetDialog
          changes={changes}
          scaffolderApi={scaffolderApi}
          onClose={() => {
            setOpen(false);
            if (proposedAny.current) props.onProposed?.();
          }}
          onProposed={() => {
            proposedAny.current = true;
          }}
        />
      )}
    </>
  );
}
