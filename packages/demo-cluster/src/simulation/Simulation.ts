// long-file: the simulation clock and the order of every controller's step in one place.
import type { KubeObject, ObjectStore } from '../api/ObjectStore';
import type { FixtureModel } from '../fixtures/loadFixtures';
import type { BatchProfile } from '@internal/plugin-model-scaling-common';
import { defaultModelPbtxt, modelConfigOf } from '../triton/modelConfig';
import type { TritonServer } from '../triton/TritonServer';
import { tritonConfigJson } from '../triton/tritonConfigJson';
import { BatchingModel } from './batchingModel';
import { EventRecorder } from './eventRecorder';
import { collectGarbage } from './garbageCollector';
import { GpuDeviceAllocator } from './gpuDevices';
import { HpaController } from './hpaController';
import { KedaOperator } from './kedaOperator';
import { KINDS, kubeTime } from './kinds';
import { keepNodesReady } from './nodeLifecycle';
import { runKubelet, schedulePendingPods } from './podLifecycle';
import { gpuResourceNames, podRequests } from './podTemplate';
import { OwnerIndex } from './OwnerIndex';
import { Rng } from './rng';
import { Scenario, defaultScenario } from './scenarios';
import type {
  PodRuntime,
  ServiceModel,
  ServiceRuntime,
  SimContext,
} from './SimContext';
import { SlidingRate } from './slidingRate';
import { runTraffic } from './traffic';
import {
  reconcileDeployments,
  reconcileReplicaSets,
  updateDeploymentStatus,
} from './workloadControllers';

/** Options of {@link Simulation}. */
export interface SimulationOptions {
  store: ObjectStore;
  seed: number;
  /** The instant at which the load curves are at `startHour`. */
  startTime: number;
  /** Hour of the day (0-24) the load curves show at `startTime`. */
  startHour: number;
  /** Simulated day-seconds per real second for the load curves (24 = one day per hour). */
  timeScale: number;
  /** Seconds simulated before `startTime`, so pods, events and counters have history. */
  warmupSeconds: number;
  /** Seconds per simulation step. */
  tickSeconds: number;
  profiles: BatchProfile[];
  models: FixtureModel[];
  /** Service directory of each fixture Deployment, by `<namespace>/<name>`. */
  deploymentDirs: Map<string, string>;
  /** Scenarios by `<namespace>/<name>`; other Deployments get a default one. */
  scenarios: Record<string, Scenario>;
}

/**
 * Drives the demo cluster: each step runs the controllers a real cluster runs (KEDA, the
 * HPA controller, Deployment and ReplicaSet controllers, the scheduler, the kubelet) over
 * the objects in the store, then the traffic model. Mechanics (cold starts, sync periods,
 * windows, cooldowns) run in real seconds; only the daily load curve is compressed by
 * `timeScale`. Deterministic for a seed and a start time.
 */
export class Simulation {
  private time: number;
  private readonly rng: Rng;
  private readonly ctx: SimContext;
  private readonly events: EventRecorder;
  private readonly devices = new GpuDeviceAllocator();
  private readonly keda = new KedaOperator();
  private readonly hpa: HpaController;
  private readonly net = {
    nodeIndex: new Map<string, number>(),
    ipSerial: new Map<string, number>(),
  };
  private steps = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SimulationOptions) {
    this.rng = new Rng(options.seed);
    this.time = options.startTime - options.warmupSeconds * 1000;
    this.events = new EventRecorder(options.store, this.rng.fork('events'));
    this.hpa = new HpaController(this.keda.metrics);
    const services = new Map<string, ServiceRuntime>();
    const pods = new Map<string, PodRuntime>();
    // A pod deleted by anyone (the API, the garbage collector) takes its runtime and GPU with it.
    options.store.subscribe(change => {
      if (
        change.type === 'DELETED' &&
        change.typeKey === '/pods' &&
        change.object.metadata.uid
      ) {
        this.ctx.pods.delete(change.object.metadata.uid);
        this.devices.release(change.object.metadata.uid);
      }
    });
    this.ctx = {
      store: options.store,
      rng: this.rng.fork('controllers'),
      now: () => this.time,
      hourOfDay: ms => this.hourOfDay(ms),
      services,
      owners: new OwnerIndex(options.store),
      batching: new BatchingModel(),
      pods,
      serviceFor: d => this.serviceFor(d),
      recordEvent: e => this.events.record(e, this.time),
    };
  }

  /** The simulation clock, ms since the epoch. */
  now(): number {
    return this.time;
  }

  /** Hour of the day (0 to 24) that the load curves show at `ms`. */
  hourOfDay(ms: number): number {
    const { startHour, startTime, timeScale } = this.options;
    const h = startHour + ((ms - startTime) / 3.6e6) * timeScale;
    return ((h % 24) + 24) % 24;
  }

  /** Runs steps until the clock reaches `ms`. */
  advanceTo(ms: number): void {
    const step = this.options.tickSeconds * 1000;
    while (this.time + step <= ms) this.step();
  }

  /** Runs `seconds` of simulation. */
  advance(seconds: number): void {
    this.advanceTo(this.time + seconds * 1000);
  }

  /** Follows the wall clock, one step per tick, until {@link Simulation.stopClock}. */
  startClock(now: () => number = Date.now): void {
    if (this.timer) return;
    const step = this.options.tickSeconds * 1000;
    // Steps run at most this long per tick, so the API server answers between
    // them even when a large fleet makes the simulation slower than the wall
    // clock (it then catches up over the next ticks, or skips ahead below).
    const budgetMs = step / 4;
    this.timer = setInterval(() => {
      // After a long pause, skip ahead instead of replaying hours of steps.
      const target = now();
      if (target - this.time > 10 * 60 * 1000)
        this.time = target - 10 * 60 * 1000;
      const started = Date.now();
      while (this.time + step <= target && Date.now() - started < budgetMs)
        this.step();
    }, step);
    this.timer.unref();
  }

  stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The Triton server of a pod, when the pod runs Triton and its container has started. */
  tritonOf(namespace: string, podName: string): TritonServer | undefined {
    const pod = this.options.store.get(KINDS.pods, namespace, podName);
    return pod ? this.ctx.pods.get(pod.metadata.uid!)?.triton : undefined;
  }

  /** The runtime of a service (`<namespace>/<name>` of its Deployment). */
  service(key: string): ServiceRuntime | undefined {
    return this.ctx.services.get(key);
  }

  /** The runtime of a pod by uid. */
  podRuntime(uid: string): PodRuntime | undefined {
    return this.ctx.pods.get(uid);
  }

  /** metrics.k8s.io PodMetrics of running pods. */
  podMetrics(namespace?: string): KubeObject[] {
    const time = kubeTime(this.time);
    return this.options.store
      .list(KINDS.pods, namespace)
      .filter(p => (p as any).status?.phase === 'Running')
      .map(p => {
        const runtime = this.ctx.pods.get(p.metadata.uid!);
        const containers = ((p as any).spec.containers ?? []) as any[];
        const cpu = runtime?.cpuMillicores ?? 0;
        const mem = runtime?.memoryBytes ?? 0;
        return {
          kind: 'PodMetrics',
          apiVersion: 'metrics.k8s.io/v1beta1',
          metadata: {
            name: p.metadata.name,
            namespace: p.metadata.namespace,
            labels: p.metadata.labels,
            creationTimestamp: time,
          },
          timestamp: time,
          window: '15s',
          containers: containers.map((c, i) => {
            // The last container (the model server) uses most; sidecars share the rest.
            let share = 1;
            if (containers.length > 1)
              share =
                i === containers.length - 1
                  ? 0.7
                  : 0.3 / (containers.length - 1);
            return {
              name: c.name,
              usage: {
                cpu: `${Math.round(cpu * share * 1e6)}n`,
                memory: `${Math.round((mem * share) / 1024)}Ki`,
              },
            };
          }),
        };
      });
  }

  /** metrics.k8s.io NodeMetrics. */
  nodeMetrics(): KubeObject[] {
    const time = kubeTime(this.time);
    const byNode = new Map<string, { cpu: number; mem: number }>();
    for (const p of this.options.store.list(KINDS.pods) as any[]) {
      const runtime = this.ctx.pods.get(p.metadata.uid);
      if (!p.spec.nodeName || !runtime) continue;
      const u = byNode.get(p.spec.nodeName) ?? { cpu: 250, mem: 2 * 1024 ** 3 };
      u.cpu += runtime.cpuMillicores;
      u.mem += runtime.memoryBytes;
      byNode.set(p.spec.nodeName, u);
    }
    return this.options.store.list(KINDS.nodes).map(n => {
      const u = byNode.get(n.metadata.name) ?? { cpu: 250, mem: 2 * 1024 ** 3 };
      return {
        kind: 'NodeMetrics',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {
          name: n.metadata.name,
          labels: n.metadata.labels,
          creationTimestamp: time,
        },
        timestamp: time,
        window: '20s',
        usage: {
          cpu: `${Math.round(u.cpu * 1e6)}n`,
          memory: `${Math.round(u.mem / 1024)}Ki`,
        },
      };
    });
  }

  /** One simulation step. */
  step(): void {
    const dt = this.options.tickSeconds;
    this.time += dt * 1000;
    const ctx = this.ctx;
    keepNodesReady(ctx.store, this.time);
    if (this.steps % 5 === 0) {
      collectGarbage(ctx.store);
      for (const key of ctx.services.keys()) {
        const [ns, name] = key.split('/');
        if (!ctx.store.get(KINDS.deployments, ns, name))
          ctx.services.delete(key);
      }
    }
    this.keda.reconcile(ctx);
    this.hpa.sync(ctx);
    const deployments = ctx.owners.takeDirtyDeployments();
    reconcileDeployments(ctx, deployments);
    reconcileReplicaSets(ctx, ctx.owners.takeDirtyReplicaSets());
    schedulePendingPods(ctx, this.net);
    runKubelet(ctx, this.devices, this.net);
    runTraffic(ctx, dt);
    reconcileReplicaSets(ctx, ctx.owners.takeDirtyReplicaSets());
    for (const uid of ctx.owners.takeDirtyDeployments()) deployments.add(uid);
    updateDeploymentStatus(ctx, deployments);
    if (this.steps % 60 === 0) this.events.expire(this.time);
    this.steps++;
  }

  private serviceFor(deployment: KubeObject): ServiceRuntime {
    const key = `${deployment.metadata.namespace}/${deployment.metadata.name}`;
    const existing = this.ctx.services.get(key);
    if (existing) return existing;
    const d = deployment as any;
    const requests = podRequests(d.spec?.template?.spec ?? {});
    const annotated = String(
      d.metadata.annotations?.['model-scaling.io/triton-models'] ??
        d.spec?.template?.metadata?.annotations?.[
          'model-scaling.io/triton-models'
        ] ??
        '',
    )
      .split(',')
      .map((s: string) => s.trim())
      .filter(Boolean);
    const scenario =
      this.options.scenarios[key] ??
      defaultScenario({
        gpu: gpuResourceNames(requests).length > 0,
        replicas: d.spec?.replicas ?? 1,
        tritonModels: annotated,
        rng: this.rng.fork(key),
      });
    const dir = this.options.deploymentDirs.get(key);
    const models: ServiceModel[] = scenario.models.map(m => {
      const shipped =
        this.options.models.find(
          f => f.name === m.name && f.serviceDir === dir,
        ) ?? this.options.models.find(f => f.name === m.name);
      const text = shipped?.configText ?? defaultModelPbtxt(m.name);
      const profile =
        this.options.profiles.find(p => p.model === m.profile) ??
        this.options.profiles[0];
      if (!profile)
        throw new Error(
          `No batch profile "${m.profile}" for model ${m.name} of ${key}`,
        );
      const configJson = tritonConfigJson(text, m.name);
      return {
        scenario: m,
        definition: {
          name: String(configJson.name),
          version: '1',
          configJson,
          memoryBytes: Math.round(m.memoryBytes),
        },
        config: modelConfigOf(text, shipped?.file ?? `${m.name}/config.pbtxt`),
        profile,
      };
    });
    const runtime: ServiceRuntime = {
      key,
      scenario,
      models,
      lag: 0,
      arrivals1m: new SlidingRate(),
      served1m: new SlidingRate(),
      arrivalRate: 0,
    };
    this.ctx.services.set(key, runtime);
    return runtime;
  }
}
