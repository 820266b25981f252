import { batchLatencyUs } from '@internal/plugin-model-scaling-common';
import type { ExecutionGroup } from '../triton/TritonServer';
import type {
  PodRuntime,
  ServiceModel,
  ServiceRuntime,
  SimContext,
} from './SimContext';

const MiB = 1024 * 1024;

/** Input copy cost per item, µs, by profile (an image is ~300 kB, a sequence ~1 kB). */
const INPUT_US_PER_ITEM: Record<string, number> = {
  'resnet50-224': 11,
  'bert-base-seq128': 1.1,
};

/** Splits `requests` into executions of 1..k merged requests following `shares`. */
export function allocateExecutions(
  requests: number,
  shares: { requests: number; share: number }[],
): { merged: number; executions: number }[] {
  if (requests <= 0) return [];
  const mean = shares.reduce((s, x) => s + x.requests * x.share, 0);
  const out: { merged: number; executions: number }[] = [];
  let left = requests;
  for (const s of [...shares].sort((a, b) => b.requests - a.requests)) {
    if (s.requests === 1) continue;
    const executions = Math.floor(
      (requests * s.share * s.requests) / mean / s.requests,
    );
    const used = Math.min(left, executions * s.requests);
    const n = Math.floor(used / s.requests);
    if (n > 0) {
      out.push({ merged: s.requests, executions: n });
      left -= n * s.requests;
    }
  }
  if (left > 0) out.push({ merged: 1, executions: left });
  return out;
}

function modelWork(
  ctx: SimContext,
  service: ServiceRuntime,
  model: ServiceModel,
  pod: PodRuntime,
  itemsPerSecond: number,
  dt: number,
) {
  const clientBatch = model.scenario.clientBatch;
  const requestRate = itemsPerSecond / clientBatch;
  const estimate = ctx.batching.estimate({
    requestRate,
    clientBatch,
    config: model.config,
    profile: model.profile,
    slowdown: service.scenario.gpuSlowdown,
  });
  const exact = (pod.carry[model.definition.name] ?? 0) + requestRate * dt;
  const requests = Math.floor(exact);
  pod.carry[model.definition.name] = exact - requests;
  const perItemIn = INPUT_US_PER_ITEM[model.profile.model] ?? 2;
  const groups: ExecutionGroup[] = allocateExecutions(
    requests,
    estimate.mergeDistribution,
  ).map(a => {
    const size = a.merged * clientBatch;
    const jitter = 1 + (ctx.rng.next() - 0.5) * 0.04;
    return {
      batchSize: size,
      requestsPerExecution: a.merged,
      executions: a.executions,
      computeInputUs: 6 + perItemIn * size,
      computeInferUs:
        batchLatencyUs(model.profile, size) *
        service.scenario.gpuSlowdown *
        jitter,
      computeOutputUs: 4 + 0.3 * size,
    };
  });
  const busyUs = groups.reduce(
    (s, g) =>
      s +
      g.executions * (g.computeInputUs + g.computeInferUs + g.computeOutputUs),
    0,
  );
  return { groups, estimate, busyUs };
}

/**
 * Load for one tick: arrivals from each service's daily curve, spread over its ready pods
 * (or consumed from its queue), turned into pod CPU/memory use and Triton work recorded on
 * each pod's counters.
 */
export function runTraffic(ctx: SimContext, dt: number): void {
  const now = ctx.now();
  const hour = ctx.hourOfDay(now);
  const podsByService = new Map<string, PodRuntime[]>();
  for (const pod of ctx.pods.values()) {
    if (!pod.serviceKey || pod.goneAt !== undefined) continue;
    const list = podsByService.get(pod.serviceKey) ?? [];
    list.push(pod);
    podsByService.set(pod.serviceKey, list);
  }
  for (const service of ctx.services.values()) {
    const scenario = service.scenario;
    const pods = podsByService.get(service.key) ?? [];
    const ready = pods.filter(p => p.readyAt !== undefined);
    const arrivals = scenario.rate(hour);
    let perPod = 0;
    let served = 0;
    if (scenario.traffic === 'queue') {
      service.lag += arrivals * dt;
      const capacity =
        ready.length * (scenario.consumerCapacityPerPod ?? 100) * dt;
      const consumed = Math.min(service.lag, capacity);
      service.lag -= consumed;
      served = consumed / dt;
      perPod = ready.length ? served / ready.length : 0;
    } else {
      served = ready.length ? arrivals : 0;
      perPod = ready.length ? arrivals / ready.length : 0;
    }
    service.arrivalRate = arrivals;
    service.arrivals1m.add(now, arrivals, dt);
    service.served1m.add(now, served, dt);
    for (const pod of pods) {
      if (pod.readyAt === undefined) {
        const loading = pod.runningAt !== undefined;
        pod.cpuMillicores = scenario.cpuIdleMillicores * (loading ? 3 : 0);
        pod.memoryBytes = scenario.memoryBaseMiB * (loading ? 0.7 : 0) * MiB;
        continue;
      }
      const share = perPod * (1 + (ctx.rng.next() - 0.5) * 0.08);
      pod.cpuMillicores =
        scenario.cpuIdleMillicores + scenario.cpuMillicoresPerRequest * share;
      pod.memoryBytes =
        (scenario.memoryBaseMiB + scenario.memoryMiBPerRequest * share) * MiB;
      if (!pod.triton) continue;
      let busyUs = 0;
      for (const model of service.models) {
        const work = modelWork(ctx, service, model, pod, share, dt);
        busyUs += work.busyUs;
        pod.triton.record(
          model.definition.name,
          {
            executions: work.groups,
            queueUsPerRequest: work.estimate.queueUs,
            pending: work.estimate.pending,
          },
          now,
        );
      }
      pod.triton.setGauges({
        gpuUtilization: busyUs / (dt * 1e6),
        cpuUtilization: pod.cpuMillicores / 1000 / 192,
        intervalSeconds: dt,
      });
    }
  }
}
