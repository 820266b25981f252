import type { SlimObject } from '../types/status';
import { SlimObjectError } from './read';
import { toSlimDeployment } from './toSlimDeployment';
import { toSlimEvent } from './toSlimEvent';
import { toSlimHpa } from './toSlimHpa';
import { toSlimNode } from './toSlimNode';
import { toSlimPod } from './toSlimPod';
import { toSlimReplicaSet } from './toSlimReplicaSet';
import { toSlimScaledJob } from './toSlimScaledJob';
import { toSlimScaledObject } from './toSlimScaledObject';
import { toSlimService } from './toSlimService';

/** The kinds the watch cache keeps, as their `kind` strings. */
export const SLIM_KINDS = [
  'Deployment',
  'ReplicaSet',
  'Pod',
  'Node',
  'HorizontalPodAutoscaler',
  'ScaledObject',
  'ScaledJob',
  'Service',
  'Event',
] as const;

/** One of {@link SLIM_KINDS}. */
export type SlimKind = (typeof SLIM_KINDS)[number];

const REDUCERS: Record<
  SlimKind,
  (raw: unknown, cluster: string) => SlimObject | undefined
> = {
  Deployment: toSlimDeployment,
  ReplicaSet: toSlimReplicaSet,
  Pod: toSlimPod,
  Node: toSlimNode,
  HorizontalPodAutoscaler: toSlimHpa,
  ScaledObject: toSlimScaledObject,
  ScaledJob: toSlimScaledJob,
  Service: toSlimService,
  Event: toSlimEvent,
};

/**
 * Reduces a raw Kubernetes object of `kind` to its slim record. Returns
 * `undefined` only for Events that are not `SuccessfulRescale`. Throws a
 * `SlimObjectError` naming the field for an invalid object or unknown kind.
 */
export function toSlimObject(
  kind: string,
  raw: unknown,
  cluster: string,
): SlimObject | undefined {
  const reducer = REDUCERS[kind as SlimKind];
  if (!reducer) {
    throw new SlimObjectError(
      kind,
      'kind',
      `is not one of ${SLIM_KINDS.join(', ')}`,
    );
  }
  return reducer(raw, cluster);
}
