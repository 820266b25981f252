import { ObjectStore } from './api/ObjectStore';
import { DemoHttpServer } from './api/DemoHttpServer';
import type { DemoFaults } from './api/faults';
import { resourceTypeForKind } from './api/resources';
import { ApiContext, handleApiRequest } from './api/routes';
import { ClusterIpAllocator, applyDefaults } from './api/defaults';
import type { ExpiredWatchMode } from './api/watch';
import { FixtureModel, loadFixtures } from './fixtures/loadFixtures';
import { H200_BATCH_PROFILES } from '@internal/plugin-model-scaling-common';
import { defaultFixturesDir } from './paths';
import { createPodProxy } from './podProxy';
import { Rng, NAME_ALPHABET } from './simulation/rng';
import { demoScenarios } from './simulation/scenarios';
import {
  handlePrometheusRequest,
  PROMETHEUS_PREFIX,
} from './api/prometheusApi';
import { Simulation } from './simulation/Simulation';
import { syntheticObjects, SyntheticOptions } from './simulation/synthetic';
import { readBatchProfiles } from './triton/batchProfiles';
import type { KubeObject } from './api/ObjectStore';
import { sep } from 'node:path';
import type { TritonUpstream } from './tritonUpstream';

/** Options of {@link startDemoCluster}. */
export interface DemoClusterOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Bearer token clients must send. Default `demo-token`. */
  token?: string;
  /**
   * A write token: when set, `token` may only read (writes get 403, like a
   * read-only ClusterRole) and only this token may write.
   */
  writeToken?: string;
  /** Directory of the cluster objects; default `examples/cluster` of the repository. */
  fixturesDir?: string;
  /** Load the fixtures at all (false: an empty cluster, e.g. with only synthetic services). Default true. */
  loadExamples?: boolean;
  /** A batch-profile JSON file; default the H200 profiles the common package ships. */
  batchProfilesPath?: string;
  /** Seed of every random draw. Default 42. */
  seed?: number;
  /** Day-seconds of the load curves per real second. Default 24 (a day per hour). */
  timeScale?: number;
  /** Hour of the day the load curves show when the cluster starts. Default 10 (rising morning load). */
  startHour?: number;
  /** The start instant (ms). Default now. */
  startTime?: number;
  /** Seconds simulated before the start so the cluster has history. Default 900 (120 with synthetic services). */
  warmupSeconds?: number;
  /** Seconds per simulation step. Default 1. */
  tickSeconds?: number;
  /** `real` follows the wall clock; `manual` only moves on `advance()` (tests). Default `real`. */
  clock?: 'real' | 'manual';
  /** Add N synthetic services × M pods (for benchmarks). */
  synthetic?: SyntheticOptions;
  /** Interval of watch BOOKMARK events. Default 15000 ms. */
  bookmarkIntervalMs?: number;
  /** How a watch from a compacted resourceVersion is answered. Default `event` (like kube-apiserver). */
  expiredWatchMode?: ExpiredWatchMode;
  /** Changes kept for resuming watches. Default 20000. */
  changeLogLimit?: number;
  /** Initial faults. */
  faults?: DemoFaults;
  /** Deployments whose pods answer Triton requests from a real server (development only). */
  tritonUpstreams?: TritonUpstream[];
}

/** A running demo cluster. */
export interface DemoCluster {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The write token, when one is set. */
  readonly writeToken?: string;
  /** Requests per URL path, live. */
  readonly requestCounts: Record<string, number>;
  /** Total requests, optionally only under a path prefix. */
  totalRequests(prefix?: string): number;
  resetCounts(): void;
  /** Stops serving (open watches end, connections drop); the simulation pauses. */
  stop(): Promise<void>;
  /** Serves again on the same port. */
  start(): Promise<void>;
  /** Replaces the faults (e.g. `{ forbidAll: true }` or `{ pods: { 'x': 'hang' } }`); `{}` clears them. */
  setFault(faults: DemoFaults): void;
  /** Moves the simulation forward (manual clock, or to look ahead). */
  advance(seconds: number): void;
  /** The object store (tests: compact it to force 410 Gone). */
  readonly store: ObjectStore;
  readonly simulation: Simulation;
}

function deploymentDirs(
  objects: { object: KubeObject; file: string }[],
): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const { object, file } of objects) {
    if (object.kind !== 'Deployment') continue;
    const parts = file.split(sep);
    dirs.set(
      `${object.metadata.namespace ?? 'default'}/${object.metadata.name}`,
      parts.length > 1 ? parts[0] : '',
    );
  }
  return dirs;
}

/**
 * Starts the embedded demo Kubernetes API on 127.0.0.1: loads the fixtures (and synthetic
 * services), runs the warm-up, starts serving and, with the real clock, keeps the
 * simulation following the wall clock.
 */
export async function startDemoCluster(
  options: DemoClusterOptions = {},
): Promise<DemoCluster> {
  const seed = options.seed ?? 42;
  const rng = new Rng(seed);
  const startTime = options.startTime ?? Date.now();
  const warmupSeconds =
    options.warmupSeconds ?? (options.synthetic ? 120 : 900);
  let clock = () => startTime - warmupSeconds * 1000;
  const idRng = rng.fork('uids');
  const store = new ObjectStore({
    changeLogLimit: options.changeLogLimit,
    now: () => new Date(clock()),
    newUid: () => idRng.uuid(),
  });

  const fixtureObjects: { object: KubeObject; file: string }[] = [];
  let models: FixtureModel[] = [];
  if (options.loadExamples !== false) {
    const fixtures = loadFixtures(options.fixturesDir ?? defaultFixturesDir());
    fixtureObjects.push(...fixtures.objects);
    models = fixtures.models;
  }
  const objects = [
    ...fixtureObjects.map(f => f.object),
    ...(options.synthetic ? syntheticObjects(options.synthetic) : []),
  ].sort(
    (a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'),
  );
  const clusterIps = new ClusterIpAllocator();
  for (const object of objects) {
    const type = resourceTypeForKind(
      object.apiVersion ?? '',
      object.kind ?? '',
    );
    if (!type)
      throw new Error(
        `The demo cluster does not serve ${object.apiVersion} ${object.kind} (${object.metadata.name})`,
      );
    const copy = structuredClone(object);
    applyDefaults(type, copy, clusterIps);
    store.create(type, copy, { owned: true });
  }

  const scenarios = demoScenarios(rng.fork('scenarios'));
  const simulation = new Simulation({
    store,
    seed,
    startTime,
    startHour: options.startHour ?? 10,
    timeScale: options.timeScale ?? 24,
    warmupSeconds,
    tickSeconds: options.tickSeconds ?? 1,
    profiles: options.batchProfilesPath
      ? readBatchProfiles(options.batchProfilesPath)
      : H200_BATCH_PROFILES,
    models,
    deploymentDirs: deploymentDirs(fixtureObjects),
    scenarios,
  });
  clock = () => simulation.now();
  simulation.advanceTo(startTime);

  const faults: DemoFaults = { ...(options.faults ?? {}) };
  const token = options.token ?? 'demo-token';
  const host = options.host ?? '127.0.0.1';
  const serverRef: { current?: DemoHttpServer } = {};
  const nameRng = rng.fork('names');
  const ctx: ApiContext = {
    store,
    watch: {
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 15000,
      expiredWatchMode: options.expiredWatchMode ?? 'event',
      defaultTimeoutSeconds: 1800,
    },
    now: () => new Date(simulation.now()),
    serverAddress: () => `${host}:${serverRef.current?.port}`,
    podProxy: createPodProxy({
      tritonOf: (ns, pod) => simulation.tritonOf(ns, pod),
      faults,
      tritonUpstreams: options.tritonUpstreams,
    }),
    computed: (type, namespace) =>
      type.plural === 'pods'
        ? simulation.podMetrics(namespace)
        : simulation.nodeMetrics(),
    trackWatch: end => serverRef.current!.trackWatch(end),
    randomSuffix: () => nameRng.string(5, NAME_ALPHABET),
    applyDefaults: (type, obj, current) =>
      applyDefaults(type, obj, clusterIps, current),
  };
  const server = new DemoHttpServer({
    host,
    port: options.port ?? 0,
    token,
    writeToken: options.writeToken,
    faults,
    handler: async (req, res, url, body) =>
      url.pathname.startsWith(PROMETHEUS_PREFIX)
        ? handlePrometheusRequest(
            (namespace, name) => scenarios[`${namespace}/${name}`],
            req,
            res,
            url,
            body,
          )
        : handleApiRequest(ctx, req, res, url, body),
  });
  serverRef.current = server;
  await server.start();
  const realClock = (options.clock ?? 'real') === 'real';
  if (realClock) simulation.startClock();

  return {
    get url() {
      return server.url;
    },
    get port() {
      return server.port;
    },
    token,
    writeToken: options.writeToken,
    requestCounts: server.requestCounts,
    totalRequests: prefix => server.totalRequests(prefix),
    resetCounts: () => server.resetCounts(),
    async stop() {
      simulation.stopClock();
      await server.stop();
    },
    async start() {
      await server.start();
      if (realClock) simulation.startClock();
    },
    setFault(next) {
      for (const key of Object.keys(faults) as (keyof DemoFaults)[])
        delete faults[key];
      Object.assign(faults, next);
    },
    advance: seconds => simulation.advance(seconds),
    store,
    simulation,
  };
}
