import {
  BatchProfile,
  EntityScalingStatus,
  Finding,
  FixIntent,
  batchingSavingFinding,
  fixIntentForBatchingAdvice,
} from '@internal/plugin-model-scaling-common';
import { useEffect, useMemo, useState } from 'react';
import { usePatternPresets } from '../../hooks/usePatternPresets';
import { adviceSummary, presetBatching } from './adviceSummary';
import { BatchingAdviceOutcome, batchingAdviceFor } from './batchingAdviceFor';
import { H200_BATCH_PROFILES } from '@internal/plugin-model-scaling-common';
import { pickBatchProfile } from './pickBatchProfile';

/** The advisor's answer for one Triton model of one workload. */
export interface ModelAdvice {
  key: string;
  profile: BatchProfile;
  outcome: BatchingAdviceOutcome;
  finding?: Finding;
  /** The change of the service's files the advice amounts to (its recommended `dynamic_batching`). */
  fix?: FixIntent;
}

/** Rates within this factor of each other are the same load for the advisor (no re-run every poll). */
function rateBucket(rps: number): string {
  if (!(rps > 0)) return '0';
  return Math.round(Math.log(rps) / Math.log(1.1)).toString();
}

/** `cluster/namespace/name/model`: one advice per model per workload. */
export function adviceKey(
  workload: { cluster: string; namespace: string; name: string },
  model: string,
): string {
  return `${workload.cluster}/${workload.namespace}/${workload.name}/${model}`;
}

/**
 * Runs the batching advisor on every Triton model of the service at its
 * current traffic, after the first paint, and again only when the load
 * moves by more than 10 %, the replica count or the config changes. Each
 * answer carries the `batching-saving` finding when it saves GPUs or the
 * live setting is predicted to miss the SLO.
 */
export function useBatchingAdvice(
  status: EntityScalingStatus,
  profiles: BatchProfile[] = H200_BATCH_PROFILES,
): Map<string, ModelAdvice> {
  const presets = usePatternPresets();
  const preset = presetBatching(status.pattern, presets);
  const jobs = useMemo(
    () =>
      status.workloads.flatMap(w =>
        (w.triton?.models ?? []).map(model => ({
          key: adviceKey(w, model.model),
          model,
          replicas: w.replicas.ready,
          signature: [
            rateBucket(model.requestsPerSecond),
            w.replicas.ready,
            JSON.stringify(model.config?.dynamicBatching ?? null),
            model.config?.maxBatchSize,
            status.latencySloMs,
          ].join('|'),
        })),
      ),
    [status],
  );
  const signature = jobs.map(j => `${j.key}=${j.signature}`).join(';');
  const [advice, setAdvice] = useState<Map<string, ModelAdvice>>(new Map());

  useEffect(() => {
    // After paint: the simulations take a few hundred milliseconds per model.
    const timer = setTimeout(() => {
      const next = new Map<string, ModelAdvice>();
      for (const job of jobs) {
        const choice = pickBatchProfile(job.model, profiles);
        if (!choice) continue;
        const outcome = batchingAdviceFor({
          model: job.model,
          profile: choice.profile,
          sloMs: status.latencySloMs,
          replicas: job.replicas,
        });
        const summary = adviceSummary({
          model: job.model,
          profile: choice.profile,
          outcome,
          preset,
        });
        const finding = summary && batchingSavingFinding(summary);
        const fix = summary && fixIntentForBatchingAdvice(summary);
        next.set(job.key, {
          key: job.key,
          profile: choice.profile,
          outcome,
          ...(finding && { finding }),
          ...(fix && { fix }),
        });
      }
      setAdvice(next);
    }, 0);
    return () => clearTimeout(timer);
    // Re-run only when the signature (load bucket, replicas, config, SLO) changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, profiles, JSON.stringify(preset)]);

  return advice;
}
