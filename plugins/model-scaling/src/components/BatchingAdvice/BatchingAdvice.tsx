import {
  Box,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  BatchProfile,
  BatchingOption,
  BatchingSimulationResult,
  DynamicBatchingSetting,
  TritonModelFigures,
  dynamicBatchingSnippet,
} from '@internal/plugin-model-scaling-common';
import { useEffect, useMemo, useState } from 'react';
import { HealthStatus } from '../shared/HealthStatus';
import { formatNumber } from '../shared/format';
import { BatchingAdviceOutcome, batchingAdviceFor } from './batchingAdviceFor';
import { H200_BATCH_PROFILES } from '@internal/plugin-model-scaling-common';
import { pickBatchProfile } from './pickBatchProfile';
import { liveBatching } from './adviceSummary';
import { QueueDelays } from './QueueDelays';
import { ScrollableTable } from '../shared/ScrollableTable';
import { AdviceFix } from '../FixProposals/AdviceFix';

/** Props of {@link BatchingAdvice}. */
export interface BatchingAdviceProps {
  model: TritonModelFigures;
  sloMs?: number;
  /** Ready replicas now. */
  replicas: number;
  /** Measured profiles to choose from (default: the H200 profiles). */
  profiles?: BatchProfile[];
  /** The advice the tab already ran for this model (shown without a click). */
  initial?: { profile: BatchProfile; outcome: BatchingAdviceOutcome };
  /** The golden-path preset of the service's pattern. */
  preset?: DynamicBatchingSetting;
}

function describe(
  option: Pick<
    BatchingOption,
    'dynamicBatching' | 'preferredBatchSizes' | 'maxQueueDelayUs'
  >,
): string {
  if (!option.dynamicBatching) {
    return 'no dynamic batching';
  }
  const sizes =
    option.preferredBatchSizes.length > 0
      ? `preferred ${option.preferredBatchSizes.join(', ')}`
      : 'no preferred sizes';
  return `${sizes}, queue delay ${formatNumber(
    option.maxQueueDelayUs / 1000,
    2,
  )} ms`;
}

function p99Text(result: BatchingSimulationResult | undefined): string {
  if (result === undefined) {
    return '—';
  }
  return result.saturated ? 'saturated' : `${formatNumber(result.p99Ms, 2)} ms`;
}

const PROFILE_REASONS = {
  name: 'Profile chosen by model name.',
  'compute-time': 'Profile chosen as the closest to the measured compute time.',
  default: 'No match for this model; pick the closest profile.',
} as const;

function ResultCells(props: {
  replicas?: number;
  result?: BatchingSimulationResult;
}) {
  const { replicas, result } = props;
  return (
    <>
      <TableCell align="right">{replicas ?? 'none within 64'}</TableCell>
      <TableCell align="right">{p99Text(result)}</TableCell>
      <TableCell align="right">
        {result === undefined ? '—' : formatNumber(result.averageBatchSize, 1)}
      </TableCell>
    </>
  );
}

/**
 * The batching advisor for one Triton model at its current traffic: the live
 * `dynamic_batching` at the live replica count, no batching, and the
 * recommended preferred sizes and queue delay that meet the latency SLO with
 * the fewest GPUs, simulated on a measured batch-latency profile.
 */
export function BatchingAdvice(props: BatchingAdviceProps) {
  const { model, sloMs, replicas, initial, preset } = props;
  const profiles = props.profiles ?? H200_BATCH_PROFILES;
  const choice = useMemo(
    () => pickBatchProfile(model, profiles),
    [model, profiles],
  );
  const [profileName, setProfileName] = useState(choice?.profile.model);
  const [outcome, setOutcome] = useState<
    BatchingAdviceOutcome & { forRps: number }
  >();
  const profile = profiles.find(p => p.model === profileName);
  const selectId = `batching-profile-${model.model}`;
  useEffect(() => {
    if (initial && initial.profile.model === profileName) {
      setOutcome({ ...initial.outcome, forRps: model.requestsPerSecond });
    }
    // Only a new answer from the tab replaces what is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);

  if (!profile || !choice) {
    return null;
  }
  const run = () =>
    setOutcome({
      ...batchingAdviceFor({ model, profile, sloMs, replicas }),
      forRps: model.requestsPerSecond,
    });

  return (
    <Box
      component="section"
      aria-label={`Batching advice for ${model.model}`}
      mt={2}
    >
      <Typography variant="subtitle2" gutterBottom>
        Batching advice for {model.model}
      </Typography>
      <Box
        display="flex"
        alignItems="flex-end"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <FormControl size="small" style={{ minWidth: 220 }}>
          <InputLabel id={`${selectId}-label`}>
            Batch-latency profile
          </InputLabel>
          <Select
            labelId={`${selectId}-label`}
            id={selectId}
            value={profile.model}
            onChange={event => {
              setProfileName(event.target.value as string);
              setOutcome(undefined);
            }}
          >
            {profiles.map(p => (
              <MenuItem key={p.model} value={p.model}>
                {p.model}
                {p.gpu ? ` (${p.gpu})` : ''}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button variant="outlined" color="primary" onClick={run}>
          Advise for {formatNumber(model.requestsPerSecond, 0)} req/s
        </Button>
      </Box>
      <QueueDelays
        live={liveBatching(model)}
        preset={preset}
        advised={
          outcome?.kind === 'advice' ? outcome.advice.recommended : undefined
        }
      />
      <Typography variant="caption" color="textSecondary" component="p">
        {profile.model === choice.profile.model
          ? PROFILE_REASONS[choice.reason]
          : 'Profile chosen by hand.'}
      </Typography>
      {outcome?.kind === 'unavailable' && (
        <HealthStatus health="neutral">{outcome.reason}</HealthStatus>
      )}
      {outcome?.kind === 'advice' && (
        <>
          <ScrollableTable>
            <Table
              size="small"
              aria-label={`Batching options for ${model.model}`}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Configuration</TableCell>
                  <TableCell align="right">GPU replicas</TableCell>
                  <TableCell align="right">p99</TableCell>
                  <TableCell align="right">Avg batch</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {outcome.current && (
                  <TableRow>
                    <TableCell data-wrap="words">
                      Live (in force):{' '}
                      {describe({
                        dynamicBatching:
                          model.config?.dynamicBatching !== undefined,
                        preferredBatchSizes:
                          model.config?.dynamicBatching?.preferredBatchSize ??
                          [],
                        maxQueueDelayUs:
                          model.config?.dynamicBatching
                            ?.maxQueueDelayMicroseconds ?? 0,
                      })}
                    </TableCell>
                    <ResultCells
                      replicas={outcome.current.replicas}
                      result={outcome.current.result}
                    />
                  </TableRow>
                )}
                <TableRow>
                  <TableCell>Without batching</TableCell>
                  <ResultCells
                    replicas={outcome.advice.noBatching.replicas}
                    result={outcome.advice.noBatching.result}
                  />
                </TableRow>
                {outcome.advice.recommended && (
                  <TableRow selected>
                    <TableCell data-wrap="words">
                      <strong>Advised:</strong>{' '}
                      {describe(outcome.advice.recommended)}
                    </TableCell>
                    <ResultCells
                      replicas={outcome.advice.recommended.replicas}
                      result={outcome.advice.recommended.result}
                    />
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </ScrollableTable>
          {outcome.advice.recommended ? (
            <Box mt={1}>
              <Typography variant="body2" gutterBottom>
                For {formatNumber(outcome.forRps, 0)} req/s within a{' '}
                {outcome.sloMs} ms p99 on {profile.gpu ?? 'the profiled GPU'},
                in config.pbtxt:
              </Typography>
              {/* Plain monospace in the theme's text colour: the syntax highlighter's green
                  numbers fell below the 4.5:1 contrast axe asks of text. */}
              <Box
                component="pre"
                p={1.5}
                m={0}
                bgcolor="background.default"
                color="text.primary"
                fontFamily="monospace"
                fontSize="0.875rem"
                style={{ overflowX: 'auto' }}
              >
                {dynamicBatchingSnippet(outcome.advice.recommended)}
              </Box>
              <AdviceFix
                model={model}
                profile={profile}
                outcome={outcome}
                preset={preset}
              />
            </Box>
          ) : (
            <HealthStatus health="warning">
              No configuration meets the {outcome.sloMs} ms SLO with up to 64
              GPUs on this profile.
            </HealthStatus>
          )}
        </>
      )}
    </Box>
  );
}
