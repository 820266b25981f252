import { LoggerService } from '@backstage/backend-plugin-api';
import { roundDeadlineMs } from '../../config/ModelScalingOptions';
import { BackendSettings } from '../../config/readBackendSettings';
import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { workersCanLoad } from '../workerThreads';
import { PodProxyFetcher } from './PodProxyFetcher';
import { TritonCollection } from './TritonCollection';
import {
  tritonCollectorFromSettings,
  TritonCollectorSettings,
} from './tritonCollectorFromSettings';
import { TRITON_WORKER_MODULE } from './tritonCollectorWorker';
import { TritonTarget } from './tritonTargets';
import { TritonWorkerData } from './tritonWorkerProtocol';
import { WorkerTritonCollector } from './WorkerTritonCollector';

/**
 * The Triton collector of `modelScaling.triton`: in a worker thread when
 * `workerThread` is on (the default) and a worker can load the plugin's code,
 * else on the event loop that serves the API, with the watch cache's clients.
 */
export function createTritonCollection(deps: {
  settings: BackendSettings;
  targets: () => Promise<TritonTarget[]>;
  clusterConnected: (cluster: string) => boolean;
  /** The API client of a cluster on this thread (the event-loop collector's). */
  fetcher: (cluster: string) => KubeApiClient | undefined;
  logger: LoggerService;
  now?: () => Date;
  /** Node options of the worker (tests); default: the process's own. */
  execArgv?: string[];
}): TritonCollection {
  const t = deps.settings.options.triton;
  const settings: TritonCollectorSettings = {
    timeoutMs: t.timeoutMs,
    intervalSeconds: t.intervalSeconds,
    concurrency: t.concurrency,
    configRefreshIntervals: t.configRefreshIntervals,
    maxModelsPerPod: t.maxModelsPerPod,
    maxSeriesPerDocument: t.maxSeriesPerDocument,
    maxErrorChars: t.maxErrorChars,
    roundDeadlineMs: roundDeadlineMs(t),
    ...(t.prometheus && { prometheus: { ...t.prometheus } }),
  };

  if (
    t.workerThread &&
    workersCanLoad(TRITON_WORKER_MODULE, deps.execArgv ?? process.execArgv)
  ) {
    const data: TritonWorkerData = {
      clusters: deps.settings.clusters.filter(c => !c.configError),
      collector: settings,
    };
    return new WorkerTritonCollector({
      data,
      targets: deps.targets,
      clusterConnected: deps.clusterConnected,
      logger: deps.logger,
      now: deps.now,
      execArgv: deps.execArgv,
    });
  }
  if (t.workerThread) {
    deps.logger.info(
      'Triton collection runs on the event loop: worker threads cannot load the TypeScript sources here',
    );
  }
  const fetchers = new Map<string, PodProxyFetcher>();
  return tritonCollectorFromSettings(settings, {
    targets: deps.targets,
    fetcher: cluster => {
      const client = deps.fetcher(cluster);
      if (!client) return undefined;
      let fetcher = fetchers.get(cluster);
      if (!fetcher) {
        fetcher = new PodProxyFetcher(client, t.timeoutMs);
        fetchers.set(cluster, fetcher);
      }
      return fetcher;
    },
    logger: deps.logger,
    clusterConnected: deps.clusterConnected,
    now: deps.now,
  });
}
