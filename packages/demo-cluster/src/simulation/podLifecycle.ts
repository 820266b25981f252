// long-file: a pod's phases, readiness, restarts and cold start form one state machine.
import type { KubeObject } from '../api/ObjectStore';
import { TritonServer } from '../triton/TritonServer';
import { GpuDeviceAllocator } from './gpuDevices';
import { KINDS, kubeTime } from './kinds';
import { gpuResourceNames, podRequests } from './podTemplate';
import { addUsage, schedulePod, usageByNode } from './scheduler';
import type { PodRuntime, SimContext } from './SimContext';

const GiB = 1024 * 1024 * 1024;
/** Node numbering and pod IPs handed out per node. */
export interface PodNetwork {
  nodeIndex: Map<string, number>;
  ipSerial: Map<string, number>;
}

/** The Deployment that owns a pod through its ReplicaSet. */
export function deploymentOfPod(
  ctx: SimContext,
  pod: KubeObject,
): KubeObject | undefined {
  const rsRef = pod.metadata.ownerReferences?.find(
    r => r.kind === 'ReplicaSet',
  );
  if (!rsRef) return undefined;
  const rs = ctx.store.get(
    KINDS.replicaSets,
    pod.metadata.namespace,
    rsRef.name,
  );
  const dRef = rs?.metadata.ownerReferences?.find(r => r.kind === 'Deployment');
  return dRef
    ? ctx.store.get(KINDS.deployments, pod.metadata.namespace, dRef.name)
    : undefined;
}

function condition(
  type: string,
  status: string,
  time: string,
  reason?: string,
  message?: string,
) {
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: time,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function containerStatuses(
  pod: any,
  state: 'creating' | 'running' | 'ready',
  startedAt: string,
  uid: string,
) {
  return (pod.spec.containers ?? []).map((c: any, i: number) => {
    const id = `${uid.replace(/-/g, '')}${i}`.padEnd(64, '0').slice(0, 64);
    const base = {
      name: c.name,
      image: c.image,
      restartCount: 0,
      lastState: {},
    };
    if (state === 'creating') {
      return {
        ...base,
        imageID: '',
        ready: false,
        started: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      };
    }
    const hasStartup = !!c.startupProbe;
    return {
      ...base,
      imageID: `${String(c.image).split(':')[0]}@sha256:${id}`,
      containerID: `containerd://${id}`,
      ready: state === 'ready' || (!c.readinessProbe && !hasStartup),
      started: state === 'ready' || !hasStartup,
      state: { running: { startedAt } },
    };
  });
}

/**
 * kube-scheduler for the demo: binds unscheduled pods to nodes that fit, or marks them
 * Unschedulable with the scheduler's message (and a FailedScheduling event).
 */
export function schedulePendingPods(ctx: SimContext, net: PodNetwork): void {
  const { store } = ctx;
  const pods = store.list(KINDS.pods) as any[];
  const pending = pods.filter(
    p => !p.spec.nodeName && !p.metadata.deletionTimestamp,
  );
  if (pending.length === 0) return;
  // Pods found unschedulable are retried every few seconds, not on every step.
  const fresh = pending.some(
    p => !ctx.pods.get(p.metadata.uid)?.reportedUnschedulable,
  );
  if (!fresh && Math.floor(ctx.now() / 1000) % 5 !== 0) return;
  const nodes = store.list(KINDS.nodes);
  const usage = usageByNode(pods.filter(p => p.spec.nodeName));
  const time = kubeTime(ctx.now());
  for (const pod of pending) {
    const runtime = ensureRuntime(ctx, pod);
    const result = schedulePod(pod, nodes, usage);
    if (result.bound) {
      addUsage(usage, result.nodeName, pod);
      runtime.boundAt = ctx.now();
      runtime.reportedUnschedulable = false;
      store.mutate(
        KINDS.pods,
        pod.metadata.namespace,
        pod.metadata.name,
        draft => {
          const d = draft as any;
          d.spec.nodeName = result.nodeName;
          d.status.conditions = [condition('PodScheduled', 'True', time)];
        },
      );
      if (!net.nodeIndex.has(result.nodeName))
        net.nodeIndex.set(result.nodeName, net.nodeIndex.size);
      continue;
    }
    const scheduled = (pod.status?.conditions ?? []).find(
      (c: any) => c.type === 'PodScheduled',
    );
    if (!scheduled || scheduled.message !== result.message) {
      store.mutate(
        KINDS.pods,
        pod.metadata.namespace,
        pod.metadata.name,
        draft => {
          (draft as any).status.conditions = [
            condition(
              'PodScheduled',
              'False',
              scheduled?.status === 'False'
                ? scheduled.lastTransitionTime
                : time,
              'Unschedulable',
              result.message,
            ),
          ];
        },
      );
    }
    if (!runtime.reportedUnschedulable) {
      runtime.reportedUnschedulable = true;
      ctx.recordEvent({
        namespace: pod.metadata.namespace,
        involvedObject: {
          apiVersion: 'v1',
          kind: 'Pod',
          name: pod.metadata.name,
          uid: pod.metadata.uid,
        },
        reason: 'FailedScheduling',
        message: result.message,
        type: 'Warning',
        component: 'default-scheduler',
      });
    }
  }
}

/** The simulation's record of a pod, created with its cold-start draw on first sight. */
export function ensureRuntime(ctx: SimContext, pod: KubeObject): PodRuntime {
  const uid = pod.metadata.uid!;
  let runtime = ctx.pods.get(uid);
  if (runtime) return runtime;
  const deployment = deploymentOfPod(ctx, pod);
  const service = deployment ? ctx.serviceFor(deployment) : undefined;
  const scenario = service?.scenario;
  const [cMin, cMax] = scenario?.coldStartSeconds ?? [8, 14];
  const [pMin, pMax] = scenario?.containerCreatingSeconds ?? [2, 4];
  runtime = {
    uid,
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
    serviceKey: service?.key ?? '',
    coldStartSeconds: ctx.rng.between(cMin, cMax),
    creatingSeconds: ctx.rng.between(pMin, pMax),
    gpuUuids: [],
    cpuMillicores: 0,
    memoryBytes: 0,
    carry: {},
  };
  ctx.pods.set(uid, runtime);
  return runtime;
}

/**
 * The kubelet (and KWOK) for bound pods: ContainerCreating, then Running without being
 * ready while the model loads, then Ready once the cold start has passed; terminating pods
 * disappear when their grace period ends.
 */
export function runKubelet(
  ctx: SimContext,
  devices: GpuDeviceAllocator,
  net: PodNetwork,
): void {
  const { store } = ctx;
  const now = ctx.now();
  const time = kubeTime(now);
  for (const pod of store.list(KINDS.pods) as any[]) {
    const runtime = ensureRuntime(ctx, pod);
    if (runtime.goneAt !== undefined && now >= runtime.goneAt) {
      store.delete(KINDS.pods, pod.metadata.namespace, pod.metadata.name);
      devices.release(runtime.uid);
      ctx.pods.delete(runtime.uid);
      continue;
    }
    if (!pod.spec.nodeName) continue;
    if (pod.metadata.deletionTimestamp) {
      if (runtime.goneAt === undefined) runtime.goneAt = now + 3000;
      continue;
    }
    if (runtime.readyAt !== undefined) continue;
    runtime.boundAt = runtime.boundAt ?? now;
    const node = store.get(KINDS.nodes, undefined, pod.spec.nodeName);
    if (runtime.startedAt === undefined && now >= runtime.boundAt + 1000) {
      runtime.startedAt = now;
      const hostIP =
        (node as any)?.status?.addresses?.find(
          (a: any) => a.type === 'InternalIP',
        )?.address ?? '10.0.0.10';
      store.mutate(
        KINDS.pods,
        pod.metadata.namespace,
        pod.metadata.name,
        draft => {
          const d = draft as any;
          d.status = {
            ...d.status,
            phase: 'Pending',
            hostIP,
            hostIPs: [{ ip: hostIP }],
            startTime: time,
            conditions: [
              condition('PodReadyToStartContainers', 'False', time),
              condition('Initialized', 'True', time),
              condition(
                'Ready',
                'False',
                time,
                'ContainersNotReady',
                `containers with unready status: [${pod.spec.containers
                  .map((c: any) => c.name)
                  .join(' ')}]`,
              ),
              condition(
                'ContainersReady',
                'False',
                time,
                'ContainersNotReady',
                `containers with unready status: [${pod.spec.containers
                  .map((c: any) => c.name)
                  .join(' ')}]`,
              ),
              ...(d.status.conditions ?? []).filter(
                (c: any) => c.type === 'PodScheduled',
              ),
            ],
            containerStatuses: containerStatuses(
              pod,
              'creating',
              time,
              runtime.uid,
            ),
          };
        },
      );
      continue;
    }
    if (
      runtime.startedAt !== undefined &&
      runtime.runningAt === undefined &&
      now >= runtime.startedAt + runtime.creatingSeconds * 1000
    ) {
      runtime.runningAt = now;
      const index = net.nodeIndex.get(pod.spec.nodeName) ?? 0;
      const serial = (net.ipSerial.get(pod.spec.nodeName) ?? 0) + 1;
      net.ipSerial.set(pod.spec.nodeName, serial);
      runtime.podIP = `10.${244 + Math.floor(index / 256)}.${index % 256}.${
        (serial % 250) + 2
      }`;
      attachTriton(ctx, devices, runtime, pod, node);
      store.mutate(
        KINDS.pods,
        pod.metadata.namespace,
        pod.metadata.name,
        draft => {
          const d = draft as any;
          d.status.phase = 'Running';
          d.status.podIP = runtime.podIP;
          d.status.podIPs = [{ ip: runtime.podIP }];
          d.status.conditions = d.status.conditions.map((c: any) =>
            c.type === 'PodReadyToStartContainers'
              ? condition(c.type, 'True', time)
              : c,
          );
          d.status.containerStatuses = containerStatuses(
            pod,
            'running',
            time,
            runtime.uid,
          );
        },
      );
      continue;
    }
    if (
      runtime.runningAt !== undefined &&
      runtime.readyAt === undefined &&
      now >= runtime.startedAt! + runtime.coldStartSeconds * 1000
    ) {
      runtime.readyAt = now;
      if (runtime.triton) runtime.triton.ready = true;
      const startedAt = kubeTime(runtime.runningAt);
      store.mutate(
        KINDS.pods,
        pod.metadata.namespace,
        pod.metadata.name,
        draft => {
          const d = draft as any;
          d.status.conditions = d.status.conditions.map((c: any) =>
            c.type === 'Ready' || c.type === 'ContainersReady'
              ? condition(c.type, 'True', time)
              : c,
          );
          d.status.containerStatuses = containerStatuses(
            pod,
            'ready',
            startedAt,
            runtime.uid,
          );
        },
      );
    }
  }
}

function attachTriton(
  ctx: SimContext,
  devices: GpuDeviceAllocator,
  runtime: PodRuntime,
  pod: any,
  node?: KubeObject,
): void {
  const service = ctx.services.get(runtime.serviceKey);
  if (!service || service.models.length === 0 || !node) return;
  const requests = podRequests(pod.spec);
  const gpus = gpuResourceNames(requests).flatMap(r =>
    devices.allocate(runtime.uid, node, r, requests[r]),
  );
  runtime.gpuUuids = gpus.map(g => g.uuid);
  runtime.triton = new TritonServer({
    models: service.models.map(m => m.definition),
    gpus,
    loadDurationSecs: Math.max(
      1,
      runtime.coldStartSeconds - runtime.creatingSeconds - 3,
    ),
    cpuMemoryTotalBytes: 2048 * GiB,
  });
}
