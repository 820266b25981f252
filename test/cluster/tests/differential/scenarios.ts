/*
 * The differential scenarios: one load trace each, fed both to the real controllers (the HPA
 * controller of kube-controller-manager with metrics-server and KWOK's simulated CPU, the real
 * KEDA operator and metrics server with the real Prometheus) and to `simulateAutoscaler`.
 * Periods are short (KEDA polling 5 s, cooldown 30 s, stabilization windows 15–60 s) so that
 * all scenarios, run side by side, take about four minutes.
 */
import type {
  LoadPoint,
  MetricFailureWindow,
} from '@internal/plugin-model-scaling-common';

/** How a pod's CPU follows the load: idle + millicores per request/s, against the request. */
export interface CpuModel {
  idleMillicores: number;
  millicoresPerRps: number;
  requestMillicores: number;
}

/** One differential scenario. */
export interface DifferentialScenario {
  /** Also the namespace suffix: `diff-<id>`. */
  id: string;
  title: string;
  durationSeconds: number;
  /** Total request rate over time (linear in between). */
  load: LoadPoint[];
  /** The pods' CPU usage follows the load (KWOK usage annotations); absent: a constant 10m. */
  cpu?: CpuModel;
  /** The Prometheus series is absent in these windows: the trigger's query fails. */
  queryFailures?: { from: number; to: number }[];
  /** The Deployment's replicas when the autoscaler is created. */
  initialReplicas: number;
  /** The HPA or ScaledObject (namespace and target filled in by the test). */
  autoscaler: Record<string, any>;
  /**
   * Disagreements beyond the agreement rule that upstream explains (also in
   * docs/cluster-tests.md): at most `maxSteps` steps, each at most `maxDifference` replicas off.
   */
  known?: { maxSteps: number; maxDifference: number; why: string };
}

/** Why the CPU scenarios may lag the simulator by more than one period. */
const CPU_LAG =
  'a new pod has no CPU sample until metrics-server has scraped it twice (metrics-server ' +
  'pkg/storage/pod.go podStorage.Store: usage is the rate between two scrapes), and the HPA ' +
  'counts such pods as using nothing on a scale-up (kubernetes ' +
  'pkg/controller/podautoscaler/replica_calculator.go groupPods, GetResourceReplicas); where ' +
  "metrics-server's 15 s scrape falls against the HPA's 15 s sync decides which sync first " +
  'sees a change, so on a loaded 2-core machine up to 5 of 18 steps were seen to lag';

/** The Prometheus series a scenario's trigger reads. */
export const LOAD_METRIC = 'model_scaling_load';

/** The KEDA trigger on the scenario's load gauge; a query on an absent series fails. */
export function loadTrigger(
  scenarioId: string,
  prometheusUrl: string,
  threshold = 10,
  activationThreshold = 5,
) {
  return {
    type: 'prometheus',
    metadata: {
      serverAddress: prometheusUrl,
      query: `sum(${LOAD_METRIC}{scenario="${scenarioId}"})`,
      threshold: String(threshold),
      activationThreshold: String(activationThreshold),
      // An empty result is an error (the default treats it as 0).
      ignoreNullValues: 'false',
    },
  };
}

const cpu: CpuModel = {
  idleMillicores: 10,
  millicoresPerRps: 2,
  requestMillicores: 100,
};

const cpuTrace: LoadPoint[] = [
  { t: 0, rps: 10 },
  { t: 30, rps: 10 },
  { t: 45, rps: 100 },
  { t: 120, rps: 100 },
  { t: 121, rps: 10 },
  { t: 270, rps: 10 },
];

const kedaBehavior = {
  scaleDown: {
    stabilizationWindowSeconds: 15,
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  },
};

/** The scenarios, for a Prometheus at `prometheusUrl`. */
export function differentialScenarios(
  prometheusUrl: string,
): DifferentialScenario[] {
  const keda = (
    id: string,
    spec: Record<string, any>,
    triggers = [loadTrigger(id, prometheusUrl)],
  ) => ({
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'app' },
    spec: {
      scaleTargetRef: { name: 'app' },
      pollingInterval: 5,
      cooldownPeriod: 30,
      minReplicaCount: 0,
      maxReplicaCount: 6,
      advanced: { horizontalPodAutoscalerConfig: { behavior: kedaBehavior } },
      triggers,
      ...spec,
    },
  });
  const hpa = (behavior?: object) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'app' },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'app',
      },
      minReplicas: 1,
      maxReplicas: 8,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 50 },
          },
        },
      ],
      ...(behavior ? { behavior } : {}),
    },
  });
  const failing = { load: 30, from: 60, to: 150 };
  const failingTrace: LoadPoint[] = [
    { t: 0, rps: failing.load },
    { t: 210, rps: failing.load },
  ];
  return [
    {
      id: 'hpa-cpu',
      title: 'HPA on CPU, no behavior: ramp up, plateau, drop',
      durationSeconds: 270,
      load: cpuTrace,
      cpu,
      initialReplicas: 1,
      autoscaler: hpa(),
      known: { maxSteps: 6, maxDifference: 2, why: CPU_LAG },
    },
    {
      id: 'hpa-cpu-behavior',
      title:
        'HPA on CPU with behavior (+1 pod / 15 s, −50 % / 15 s, 15 s window)',
      durationSeconds: 270,
      load: cpuTrace,
      cpu,
      initialReplicas: 1,
      autoscaler: hpa({
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [{ type: 'Pods', value: 1, periodSeconds: 15 }],
        },
        scaleDown: {
          stabilizationWindowSeconds: 15,
          policies: [{ type: 'Percent', value: 50, periodSeconds: 15 }],
        },
      }),
      known: { maxSteps: 6, maxDifference: 2, why: CPU_LAG },
    },
    {
      id: 'keda-activation',
      title:
        'KEDA Prometheus: activation 0 → 1, scale-up through the HPA, cooldown to 0',
      durationSeconds: 210,
      load: [
        { t: 0, rps: 0 },
        { t: 30, rps: 0 },
        { t: 31, rps: 45 },
        { t: 120, rps: 45 },
        { t: 121, rps: 0 },
        { t: 210, rps: 0 },
      ],
      initialReplicas: 0,
      autoscaler: keda('keda-activation', {}),
    },
    {
      id: 'keda-idle',
      title: 'KEDA Prometheus: idle under the activation threshold',
      durationSeconds: 120,
      load: [
        { t: 0, rps: 3 },
        { t: 120, rps: 3 },
      ],
      initialReplicas: 0,
      autoscaler: keda('keda-idle', {}),
    },
    {
      id: 'keda-error',
      title: 'KEDA Prometheus: failing query without fallback',
      durationSeconds: 210,
      load: failingTrace,
      queryFailures: [{ from: failing.from, to: failing.to }],
      initialReplicas: 0,
      autoscaler: keda('keda-error', {}),
    },
    {
      id: 'keda-fallback',
      title:
        'KEDA Prometheus: failing query with fallback (3 failures → 5 replicas)',
      durationSeconds: 210,
      load: failingTrace,
      queryFailures: [{ from: failing.from, to: failing.to }],
      initialReplicas: 0,
      autoscaler: keda('keda-fallback', {
        fallback: { failureThreshold: 3, replicas: 5 },
      }),
    },
    {
      id: 'keda-mixed',
      title:
        'KEDA cpu + Prometheus: CPU holds replicas, only Prometheus counts for activity',
      durationSeconds: 210,
      load: [
        { t: 0, rps: 0 },
        { t: 20, rps: 0 },
        { t: 21, rps: 40 },
        { t: 100, rps: 40 },
        { t: 101, rps: 2 },
        { t: 210, rps: 2 },
      ],
      cpu: { idleMillicores: 40, millicoresPerRps: 1, requestMillicores: 100 },
      initialReplicas: 0,
      autoscaler: keda('keda-mixed', {}, [
        {
          type: 'cpu',
          metricType: 'Utilization',
          metadata: { value: '50' },
        } as any,
        loadTrigger('keda-mixed', prometheusUrl),
      ]),
    },
  ];
}

/** The simulator's failure windows for a scenario (the Prometheus trigger's metric). */
export function simulatorFailures(
  s: DifferentialScenario,
): MetricFailureWindow[] {
  if (!s.queryFailures) return [];
  const triggers: any[] = s.autoscaler.spec.triggers ?? [];
  const index = triggers.findIndex(t => t.type === 'prometheus');
  return s.queryFailures.map(w => ({
    from: w.from,
    to: w.to,
    metrics: [`s${index}-prometheus`],
  }));
}
