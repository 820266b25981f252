import { useApi } from '@backstage/core-plugin-api';
import {
  EntityScalingStatus,
  mergeWorkloadHistory,
  WorkloadHistory,
} from '@internal/plugin-model-scaling-common';
import { useCallback, useRef } from 'react';
import { modelScalingApiRef } from '../api/ModelScalingApi';
import { PollingState, usePolling } from './usePolling';

/** A workload's key in the held history: `<cluster>/<namespace>/<name>`. */
export const workloadKey = (w: {
  cluster: string;
  namespace: string;
  name: string;
}) => `${w.cluster}/${w.namespace}/${w.name}`;

/** The newest time (epoch ms) of any held workload's history. */
function newestTime(held: Map<string, WorkloadHistory>): number | undefined {
  let newest: number | undefined;
  for (const h of held.values()) {
    const last = h.replicas[h.replicas.length - 1];
    const t = last ? Date.parse(last.t) : NaN;
    if (!Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

/**
 * The recorded history of an entity's workloads, kept up to date every
 * `intervalMs` while the document is visible: the backend's retention window
 * once, then only the points after the newest one held (`GET …/history?after=`),
 * appended with `mergeWorkloadHistory`, which also drops what left the
 * window. Without `getEntityHistory` in the API, holds nothing.
 */
export function useEntityHistory(
  entityRef: string,
  intervalMs: number,
): PollingState<Map<string, WorkloadHistory>> {
  const api = useApi(modelScalingApiRef);
  const held = useRef<{
    entityRef?: string;
    map: Map<string, WorkloadHistory>;
  }>({ map: new Map() });
  const load = useCallback(
    async (signal: AbortSignal) => {
      if (held.current.entityRef !== entityRef) {
        held.current = { entityRef, map: new Map() };
      }
      const before = held.current.map;
      if (!api.getEntityHistory) return before;
      const after = newestTime(before);
      const answer = await api.getEntityHistory(
        entityRef,
        after === undefined ? {} : { after: new Date(after).toISOString() },
        { signal },
      );
      const windowStart = Date.parse(answer.windowStart);
      const next = new Map<string, WorkloadHistory>();
      const updates = new Map(
        answer.workloads.map(w => [workloadKey(w), w.history]),
      );
      for (const key of new Set([...before.keys(), ...updates.keys()])) {
        const merged = mergeWorkloadHistory(
          before.get(key),
          updates.get(key),
          windowStart,
        );
        if (merged && merged.replicas.length > 0) next.set(key, merged);
      }
      // A load that lost the race to an entity change leaves the new one alone.
      if (held.current.entityRef === entityRef && held.current.map === before) {
        held.current = { entityRef, map: next };
      }
      return next;
    },
    [api, entityRef],
  );
  return usePolling(load, { intervalMs });
}

/** The status document with each workload's held history, as the cards read it. */
export function withHistory(
  status: EntityScalingStatus,
  histories: Map<string, WorkloadHistory> | undefined,
): EntityScalingStatus {
  if (!histories || histories.size === 0) return status;
  return {
    ...status,
    workloads: status.workloads.map(w => {
      const history = histories.get(workloadKey(w));
      return history ? { ...w, history } : w;
    }),
  };
}
