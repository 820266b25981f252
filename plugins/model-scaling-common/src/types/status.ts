// long-file: the API's document types in one file, the contract the backend and the frontend share.
/*
 * The shapes shared by the backend, the frontend, the demo cluster and the CLI.
 *
 * Three layers:
 *  1. Slim records: what the backend's watch cache keeps of each Kubernetes
 *     object (reduced on arrival by the reducers in `../slim`).
 *  2. Interpreted views: what the domain library derives from slim records
 *     (autoscaler view, GPU sharing, Triton figures, findings).
 *  3. API documents: what `GET /api/model-scaling/v1/...` returns.
 */

/** The four golden-path scaling patterns. */
export type PatternId =
  | 'realtime-cpu'
  | 'realtime-gpu'
  | 'async-batch'
  | 'bursty';

/** Severity of a finding. `error` blocks a plan in the template. */
export type Severity = 'error' | 'warning' | 'info';

/** One scaling pitfall found in a live workload or a plan. */
export interface Finding {
  /** Stable rule id, e.g. `default-scale-down-window`. */
  id: string;
  severity: Severity;
  /** One line, plain words. */
  title: string;
  /** What was observed, with figures. */
  evidence: string;
  /** What to change, concretely. */
  fix: string;
  /** The object the finding is about, e.g. `HorizontalPodAutoscaler/text-classifier`. */
  subject?: string;
}

/** A Kubernetes condition, as HPA, KEDA and pods carry them. */
export interface SlimCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Metadata every slim record carries. */
export interface SlimMeta {
  /** Name of the cluster (as in `kubernetes.clusterLocatorMethods`). */
  cluster: string;
  namespace?: string;
  name: string;
  uid?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp?: string;
  resourceVersion?: string;
}

/** A container of a pod or a pod template. Quantities stay Kubernetes strings (`"500m"`, `"1Gi"`). */
export interface SlimContainer {
  name: string;
  image?: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
  ports: number[];
  args: string[];
  env: Record<string, string>;
}

export interface SlimToleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** The scheduling-relevant part of a pod spec or template. */
export interface SlimPodSpec {
  containers: SlimContainer[];
  nodeSelector: Record<string, string>;
  tolerations: SlimToleration[];
  /** `key=value` pairs that required node affinity selects (In with one value, or Exists as `key=*`). */
  requiredNodeLabels: Record<string, string>;
  /** Same for preferred node affinity terms. */
  preferredNodeLabels: Record<string, string>;
  runtimeClassName?: string;
}

export interface SlimDeployment {
  kind: 'Deployment';
  meta: SlimMeta;
  specReplicas?: number;
  selector: Record<string, string>;
  template: {
    labels: Record<string, string>;
    annotations: Record<string, string>;
    spec: SlimPodSpec;
  };
  status: {
    replicas: number;
    readyReplicas: number;
    availableReplicas: number;
    updatedReplicas: number;
    unavailableReplicas: number;
    observedGeneration?: number;
  };
}

export interface SlimReplicaSet {
  kind: 'ReplicaSet';
  meta: SlimMeta;
  ownerDeployment?: string;
  specReplicas: number;
  readyReplicas: number;
}

export interface SlimPod {
  kind: 'Pod';
  meta: SlimMeta;
  ownerReplicaSet?: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | string;
  nodeName?: string;
  podIP?: string;
  spec: SlimPodSpec;
  conditions: SlimCondition[];
  /** `status.startTime`. */
  startTime?: string;
  /** lastTransitionTime of `Ready=True`, when ready. */
  readyTime?: string;
  ready: boolean;
  deletionTimestamp?: string;
  /** For pending pods, the scheduler's reason (e.g. `Unschedulable`) and message. */
  pendingReason?: string;
  pendingMessage?: string;
  restartCount: number;
}

export interface SlimTaint {
  key: string;
  value?: string;
  effect: string;
}

export interface SlimNode {
  kind: 'Node';
  meta: SlimMeta;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  ready: boolean;
  unschedulable: boolean;
  taints: SlimTaint[];
}

/** The HPA `autoscaling/v2` metric union, kept as the API sends it. */
export interface HpaMetricSpec {
  type:
    | 'Resource'
    | 'Pods'
    | 'Object'
    | 'External'
    | 'ContainerResource'
    | string;
  resource?: { name: string; target: HpaMetricTarget };
  containerResource?: {
    name: string;
    container: string;
    target: HpaMetricTarget;
  };
  pods?: {
    metric: { name: string; selector?: unknown };
    target: HpaMetricTarget;
  };
  object?: {
    describedObject: { kind: string; name: string; apiVersion?: string };
    metric: { name: string; selector?: unknown };
    target: HpaMetricTarget;
  };
  external?: {
    metric: { name: string; selector?: unknown };
    target: HpaMetricTarget;
  };
}

export interface HpaMetricTarget {
  type: 'Utilization' | 'Value' | 'AverageValue' | string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface HpaMetricStatus {
  type: string;
  resource?: { name: string; current: HpaMetricCurrent };
  containerResource?: {
    name: string;
    container: string;
    current: HpaMetricCurrent;
  };
  pods?: { metric: { name: string }; current: HpaMetricCurrent };
  object?: {
    describedObject?: { kind: string; name: string };
    metric: { name: string };
    current: HpaMetricCurrent;
  };
  external?: { metric: { name: string }; current: HpaMetricCurrent };
}

export interface HpaMetricCurrent {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface HpaScalingPolicy {
  type: 'Pods' | 'Percent' | string;
  value: number;
  periodSeconds: number;
}

export interface HpaScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled' | string;
  policies?: HpaScalingPolicy[];
  tolerance?: string;
}

export interface HpaBehavior {
  scaleUp?: HpaScalingRules;
  scaleDown?: HpaScalingRules;
}

/**
 * A bounded, redacted copy of an HPA's or ScaledObject's manifest, for the
 * Scaling tab's YAML view (built by `toAutoscalerManifest`): metadata name,
 * namespace, labels and annotations (no last-applied configuration, no
 * managed fields), `spec` and `status`; KEDA trigger metadata only with the
 * keys the views read, credentials redacted.
 */
export interface AutoscalerManifest {
  apiVersion: string;
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  /** What was cut or left out to keep the copy bounded, e.g. `spec.triggers[0].metadata.query: first 2048 of 5000 characters`. */
  truncated?: string[];
}

export interface SlimHpa {
  kind: 'HorizontalPodAutoscaler';
  meta: SlimMeta;
  scaleTargetRef: { kind: string; name: string; apiVersion?: string };
  minReplicas: number;
  maxReplicas: number;
  metrics: HpaMetricSpec[];
  behavior?: HpaBehavior;
  status: {
    currentReplicas: number;
    desiredReplicas: number;
    lastScaleTime?: string;
    currentMetrics: HpaMetricStatus[];
    conditions: SlimCondition[];
  };
  /** The bounded, redacted manifest for the YAML view. */
  manifest?: AutoscalerManifest;
}

export interface KedaTrigger {
  type: string;
  name?: string;
  metadata: Record<string, string>;
  metricType?: 'AverageValue' | 'Value' | 'Utilization' | string;
  authenticationRef?: { name: string; kind?: string };
}

export interface KedaFallback {
  failureThreshold: number;
  replicas: number;
  behavior?: string;
}

export interface SlimScaledObject {
  kind: 'ScaledObject';
  meta: SlimMeta;
  scaleTargetRef: { name: string; kind?: string; apiVersion?: string };
  pollingInterval?: number;
  cooldownPeriod?: number;
  initialCooldownPeriod?: number;
  minReplicaCount?: number;
  maxReplicaCount?: number;
  idleReplicaCount?: number;
  fallback?: KedaFallback;
  /** `advanced.horizontalPodAutoscalerConfig.behavior`. */
  hpaBehavior?: HpaBehavior;
  triggers: KedaTrigger[];
  /** From the `autoscaling.keda.sh/paused*` annotations. */
  paused: boolean;
  pausedReplicas?: number;
  status: {
    conditions: SlimCondition[];
    health: Record<string, { numberOfFailures: number; status: string }>;
    hpaName?: string;
    lastActiveTime?: string;
    originalReplicaCount?: number;
    externalMetricNames: string[];
    pausedReplicaCount?: number;
  };
  /** The bounded, redacted manifest for the YAML view. */
  manifest?: AutoscalerManifest;
}

export interface SlimScaledJob {
  kind: 'ScaledJob';
  meta: SlimMeta;
  pollingInterval?: number;
  minReplicaCount?: number;
  maxReplicaCount?: number;
  triggers: KedaTrigger[];
  status: { conditions: SlimCondition[]; lastActiveTime?: string };
}

export interface SlimService {
  kind: 'Service';
  meta: SlimMeta;
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort?: number | string }[];
}

/** A `SuccessfulRescale` event of an HPA (or KEDA's HPA). */
export interface SlimRescaleEvent {
  kind: 'Event';
  meta: SlimMeta;
  involvedObject: { kind: string; name: string; namespace?: string };
  reason: string;
  message: string;
  /** Newest timestamp of the event (lastTimestamp, eventTime or series). */
  time: string;
  count: number;
  /** Parsed from "New size: 4; reason: ..." when present. */
  newSize?: number;
  /** The reason part of the message, e.g. "cpu resource utilization (percentage of request) above target". */
  rescaleReason?: string;
}

export type SlimObject =
  | SlimDeployment
  | SlimReplicaSet
  | SlimPod
  | SlimNode
  | SlimHpa
  | SlimScaledObject
  | SlimScaledJob
  | SlimService
  | SlimRescaleEvent;

/* ------------------------------------------------------------------ */
/* Interpreted views                                                   */
/* ------------------------------------------------------------------ */

/** GPU sharing mode of a workload, from its pods' resources and its nodes' GFD labels. */
export type GpuSharingMode =
  | 'none'
  | 'exclusive'
  | 'time-slicing'
  | 'mps'
  | 'mig';

export interface GpuNodeView {
  name: string;
  /** `nvidia.com/gpu.product`. */
  product?: string;
  /** `nvidia.com/gpu.memory` in MiB. */
  memoryMiB?: number;
  /** `nvidia.com/gpu.count`. */
  gpuCount?: number;
  /** `nvidia.com/gpu.replicas`. */
  replicas?: number;
  sharingStrategy?: string;
  migStrategy?: string;
  spot: boolean;
  /** The label that said so, e.g. `karpenter.sh/capacity-type=spot`. */
  capacityLabel?: string;
}

export interface GpuSharing {
  mode: GpuSharingMode;
  /** The extended resource the pods request, e.g. `nvidia.com/gpu` or `nvidia.com/mig-1g.10gb`. */
  resourceName?: string;
  /** GPUs (or slices, or shares) per pod. */
  perPod: number;
  /** Time-slicing / MPS replicas per physical GPU. */
  replicas?: number;
  /** MIG profile such as `1g.10gb`. */
  migProfile?: string;
  migStrategy?: 'single' | 'mixed';
  /** False for time-slicing: processes share the GPU's memory with no isolation. */
  memoryIsolation: boolean;
  /** True when any of the workload's pods runs on spot or preemptible capacity. */
  spot: boolean;
  nodes: GpuNodeView[];
}

/** The `dynamic_batching`, `max_batch_size` and `instance_group` parts of a Triton model config. */
export interface TritonModelConfig {
  name?: string;
  platform?: string;
  backend?: string;
  maxBatchSize: number;
  dynamicBatching?: {
    preferredBatchSize: number[];
    maxQueueDelayMicroseconds: number;
    preserveOrdering?: boolean;
  };
  instanceGroups: { kind?: string; count?: number; gpus?: number[] }[];
}

/** Triton figures of one model over one sampling interval. All rates are per second, never negative. */
export interface TritonModelFigures {
  model: string;
  version?: string;
  source: 'metrics' | 'stats' | 'prometheus';
  /** Seconds between the two samples the rates come from. */
  intervalSeconds: number;
  requestsPerSecond: number;
  inferencesPerSecond: number;
  executionsPerSecond: number;
  /** Δinference_count / Δexec_count; undefined when nothing ran. */
  averageBatchSize?: number;
  /** Executions per batch size in the interval (from stats `batch_stats`); empty from `/metrics`. */
  batchSizeHistogram: { batchSize: number; executions: number }[];
  averageQueueUs?: number;
  averageComputeUs?: number;
  pendingRequests?: number;
  failuresPerSecond: number;
  config?: TritonModelConfig;
}

export interface AutoscalerMetricView {
  /** e.g. `cpu`, `memory`, `s0-prometheus`, `nv_inference_queue_duration_us`. */
  name: string;
  sourceType: string;
  targetType: 'Utilization' | 'Value' | 'AverageValue' | string;
  /** Target as a number (percent for Utilization). */
  target: number;
  /** Current as a number; undefined while the metric is missing. */
  current?: number;
}

export interface ConditionView extends SlimCondition {
  /** The condition in plain words. */
  plain: string;
}

export interface HpaView {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  metrics: AutoscalerMetricView[];
  conditions: ConditionView[];
  behavior?: HpaBehavior;
  /** The scale-down stabilization window in force (300 when not set). */
  scaleDownStabilizationSeconds: number;
  lastScaleTime?: string;
  /** True when the HPA was created by KEDA for a ScaledObject. */
  managedByKeda: boolean;
  /** The HPA's bounded, redacted manifest (the card's YAML view). */
  manifest?: AutoscalerManifest;
}

export interface KedaView {
  name: string;
  minReplicaCount: number;
  maxReplicaCount: number;
  idleReplicaCount?: number;
  cooldownPeriod: number;
  pollingInterval: number;
  triggers: {
    type: string;
    name?: string;
    threshold?: number;
    activationThreshold?: number;
    metadata: Record<string, string>;
  }[];
  ready?: boolean;
  active?: boolean;
  paused: boolean;
  fallbackActive: boolean;
  fallback?: KedaFallback;
  /** `advanced.horizontalPodAutoscalerConfig.behavior`, which KEDA copies onto the HPA it creates. */
  hpaBehavior?: HpaBehavior;
  conditions: ConditionView[];
  health: Record<string, { numberOfFailures: number; status: string }>;
  hpaName?: string;
  lastActiveTime?: string;
  /** The ScaledObject's bounded, redacted manifest (the card's YAML view). */
  manifest?: AutoscalerManifest;
}

export interface AutoscalerView {
  type: 'hpa' | 'keda' | 'none';
  hpa?: HpaView;
  keda?: KedaView;
  /** More than one autoscaler targets this workload (e.g. a plain HPA and a ScaledObject). */
  conflicting: string[];
}

/* ------------------------------------------------------------------ */
/* API documents (v1)                                                  */
/* ------------------------------------------------------------------ */

export interface PodView {
  name: string;
  phase: string;
  ready: boolean;
  nodeName?: string;
  /** Seconds from pod start to Ready (cold start). */
  coldStartSeconds?: number;
  pendingReason?: string;
  pendingMessage?: string;
  restartCount: number;
  spot: boolean;
}

export interface RescaleEventView {
  time: string;
  /** `HorizontalPodAutoscaler/<name>`. */
  object: string;
  newSize?: number;
  reason?: string;
  message: string;
}

export interface TritonView {
  models: TritonModelFigures[];
  /** When the newest sample was taken. */
  sampledAt?: string;
  /** Per-pod collection errors; one bad pod never hides the others. */
  errors: { pod: string; message: string }[];
}

export interface WorkloadStatus {
  cluster: string;
  kind: 'Deployment';
  namespace: string;
  name: string;
  replicas: {
    spec?: number;
    current: number;
    ready: number;
    available: number;
    updated: number;
  };
  autoscaler: AutoscalerView;
  gpu: GpuSharing;
  pods: PodView[];
  triton?: TritonView;
  rescaleEvents: RescaleEventView[];
  findings: Finding[];
  /**
   * Bounded recent history of this workload (replicas, autoscaler metrics,
   * Triton), oldest first. The status route leaves it out: history has a
   * route of its own (`GET …/history`, {@link EntityHistoryResponse}) that a
   * client polls for the points after the newest it holds, and the Scaling
   * tab puts the merged history here.
   */
  history?: WorkloadHistory;
}

/** One point of a recorded time series. */
export interface SeriesPoint {
  /** ISO 8601 time of the sample. */
  t: string;
  v: number;
}

/** One autoscaler metric's value against its target over time. */
export interface MetricSeries {
  /** Same name as {@link AutoscalerMetricView.name}. */
  name: string;
  /** e.g. `%`, `req/s`, `µs`, `messages`. */
  unit: string;
  target?: number;
  points: SeriesPoint[];
}

/** Triton figures of one model over time (one point per collection round). */
export interface TritonModelSeries {
  model: string;
  points: {
    t: string;
    requestsPerSecond: number;
    averageBatchSize?: number;
    averageQueueUs?: number;
    averageComputeUs?: number;
    p50LatencyMs?: number;
    p99LatencyMs?: number;
  }[];
}

/** The bounded history the backend keeps per workload (retention set in config). */
export interface WorkloadHistory {
  /** Seconds between points (the collection interval). */
  stepSeconds: number;
  replicas: { t: string; desired?: number; current: number; ready: number }[];
  metrics: MetricSeries[];
  triton: TritonModelSeries[];
  /** GPU utilisation per pod in percent, only when DCGM metrics are available through Prometheus. */
  gpuUtilization?: MetricSeries[];
}

/** How a service is doing, in one word, from all its signals. */
export type VerdictLevel = 'healthy' | 'at-risk' | 'failing' | 'not-deployed';

/** One verdict per service, computed in common from every signal, shown at the top of the tab and per fleet row. */
export interface Verdict {
  level: VerdictLevel;
  /** One sentence, e.g. "At max replicas (20 of 20) while demand is above target". */
  headline: string;
  /** Each signal that led to the verdict, with its evidence and fix. */
  reasons: {
    findingId?: string;
    severity: Severity;
    evidence: string;
    fix?: string;
  }[];
}

export interface ClusterError {
  cluster: string;
  message: string;
  /** The cluster's data shown is cached and this old. */
  stale: boolean;
  staleSince?: string;
}

/** `GET /v1/entities/:namespace/:kind/:name/status` */
export interface EntityScalingStatus {
  entityRef: string;
  pattern?: PatternId;
  latencySloMs?: number;
  tritonModels: string[];
  generatedAt: string;
  workloads: WorkloadStatus[];
  /** All findings of all workloads, most severe first. */
  findings: Finding[];
  /** Per-cluster problems; the other clusters' data is still in `workloads`. */
  clusterErrors: ClusterError[];
  /** The one verdict for the service (computed in common from all signals). */
  verdict?: Verdict;
}

/** One workload's recorded history in {@link EntityHistoryResponse}. */
export interface WorkloadHistoryEntry {
  cluster: string;
  namespace: string;
  /** The Deployment's name. */
  name: string;
  history: WorkloadHistory;
}

/**
 * `GET /v1/entities/:namespace/:kind/:name/history[?after=<time>]`: the
 * recorded history of an entity's workloads, the whole retention window or
 * only the points after `after` (the newest time a client holds). A client
 * appends those with `mergeWorkloadHistory` and drops what left the window.
 */
export interface EntityHistoryResponse {
  entityRef: string;
  generatedAt: string;
  /** The oldest time still kept (now − `modelScaling.history.retentionMinutes`). */
  windowStart: string;
  /** The `after` of the request: only points after it are included. */
  after?: string;
  /** The workloads with points in the answer (one without new points is left out). */
  workloads: WorkloadHistoryEntry[];
}

export interface DriftItem {
  /** e.g. `hpa.behavior.scaleDown.stabilizationWindowSeconds`. */
  field: string;
  expected: string;
  actual: string;
}

/** One row of `GET /v1/services` (the fleet view). */
export interface FleetServiceRow {
  entityRef: string;
  name: string;
  namespace: string;
  title?: string;
  owner?: string;
  pattern?: PatternId;
  clusters: string[];
  autoscalerType: AutoscalerView['type'];
  replicas: {
    current: number;
    ready: number;
    desired?: number;
    min?: number;
    max?: number;
  };
  gpuMode: GpuSharingMode;
  /** GPUs, MIG slices or GPU shares requested by the current replicas (per-pod request × replicas). */
  gpusInUse?: number;
  averageBatchSize?: number;
  findings: Record<Severity, number>;
  drift: DriftItem[];
  clusterErrors: ClusterError[];
  verdict?: Verdict;
}

export interface FleetResponse {
  generatedAt: string;
  services: FleetServiceRow[];
}

export interface ClusterKindState {
  kind: string;
  /** Set when the backend watches selected namespaces: one entry per kind and namespace. */
  namespace?: string;
  synced: boolean;
  /** The watch stream is open right now (the kind's data is being kept current). */
  watching?: boolean;
  count: number;
  resourceVersion?: string;
  lastError?: string;
}

/** One entry of `GET /v1/clusters`. */
export interface ClusterHealth {
  name: string;
  url: string;
  synced: boolean;
  stale: boolean;
  staleSince?: string;
  lastSyncAt?: string;
  lastError?: string;
  kedaAvailable: boolean;
  kinds: ClusterKindState[];
}

export interface ClustersResponse {
  clusters: ClusterHealth[];
}
