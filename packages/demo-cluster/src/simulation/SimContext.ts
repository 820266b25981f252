import type { TritonModelConfig } from '@internal/plugin-model-scaling-common';
import type { BatchingModel } from './batchingModel';
import type { KubeObject, ObjectStore } from '../api/ObjectStore';
import type { BatchProfile } from '@internal/plugin-model-scaling-common';
import type {
  TritonModelDefinition,
  TritonServer,
} from '../triton/TritonServer';
import type { OwnerIndex } from './OwnerIndex';
import type { Rng } from './rng';
import type { Scenario, ScenarioModel } from './scenarios';
import type { SlidingRate } from './slidingRate';

/** A Triton model of a service, resolved against its config and H200 profile. */
export interface ServiceModel {
  scenario: ScenarioModel;
  definition: TritonModelDefinition;
  config: TritonModelConfig;
  profile: BatchProfile;
}

/** What the simulation keeps per Deployment besides the objects in the store. */
export interface ServiceRuntime {
  /** `<namespace>/<name>` of the Deployment. */
  key: string;
  scenario: Scenario;
  models: ServiceModel[];
  /** Queue traffic: messages waiting (consumer-group lag). */
  lag: number;
  /** Arrivals per second over the last minute (what `rate(...[1m])` sees). */
  arrivals1m: SlidingRate;
  /** Served requests per second over the last minute. */
  served1m: SlidingRate;
  /** Arrivals per second right now. */
  arrivalRate: number;
}

/** What the simulation keeps per Pod. */
export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  serviceKey: string;
  /** Seconds from container start to Ready. */
  coldStartSeconds: number;
  /** Seconds from container start to Running (image pull and container creation). */
  creatingSeconds: number;
  boundAt?: number;
  startedAt?: number;
  runningAt?: number;
  readyAt?: number;
  /** When a terminating pod disappears. */
  goneAt?: number;
  podIP?: string;
  triton?: TritonServer;
  /** GPU devices (uuids) the pod was given. */
  gpuUuids: string[];
  cpuMillicores: number;
  memoryBytes: number;
  /** Fractional requests carried to the next tick, per model. */
  carry: Record<string, number>;
  /** True once a FailedScheduling event was written for the current pending spell. */
  reportedUnschedulable?: boolean;
}

/** Shared state and helpers the controllers of one simulation use. */
export interface SimContext {
  store: ObjectStore;
  rng: Rng;
  /** Current simulated time, ms since the epoch. */
  now(): number;
  /** Hour of the day (0 to 24) of the load curves at a time. */
  hourOfDay(ms: number): number;
  services: Map<string, ServiceRuntime>;
  /** Triton's dynamic batcher, memoized per model and rate. */
  batching: BatchingModel;
  /** Pods and ReplicaSets by controller uid, and what changed. */
  owners: OwnerIndex;
  pods: Map<string, PodRuntime>;
  /** The runtime of a Deployment, created on first use. */
  serviceFor(deployment: KubeObject): ServiceRuntime;
  /** Writes an Event (aggregating repeats like the event recorder does). */
  recordEvent(event: {
    namespace: string;
    involvedObject: {
      apiVersion: string;
      kind: string;
      name: string;
      namespace?: string;
      uid?: string;
    };
    reason: string;
    message: string;
    type: 'Normal' | 'Warning';
    component: string;
  }): void;
}
