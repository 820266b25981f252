import { LoggerService } from '@backstage/backend-plugin-api';
import { defaultTritonReader } from './defaultTritonReader';
import { PodProxyFetcher } from './PodProxyFetcher';
import { PrometheusClient } from './PrometheusClient';
import { TritonCollector, TritonCollectorOptions } from './TritonCollector';
import { TritonTarget } from './tritonTargets';

/** The collector's settings as plain data (what a worker thread is started with). */
export type TritonCollectorSettings = Pick<
  TritonCollectorOptions,
  | 'intervalSeconds'
  | 'concurrency'
  | 'configRefreshIntervals'
  | 'maxModelsPerPod'
  | 'maxSeriesPerDocument'
  | 'maxErrorChars'
  | 'roundDeadlineMs'
> & {
  /** Deadline of each request to a pod or to Prometheus. */
  timeoutMs: number;
  prometheus?: {
    url: string;
    podLabel: string;
    namespaceLabel: string;
    clusterLabel?: string;
  };
};

/**
 * A {@link TritonCollector} with the default reader from plain settings, on
 * whichever thread calls it: the worker's and the event loop's collector are
 * built the same way.
 */
export function tritonCollectorFromSettings(
  settings: TritonCollectorSettings,
  deps: {
    targets: () => Promise<TritonTarget[]>;
    fetcher: (cluster: string) => PodProxyFetcher | undefined;
    logger: LoggerService;
    clusterConnected: (cluster: string) => boolean;
    now?: () => Date;
  },
): TritonCollector {
  const { timeoutMs, prometheus, ...bounds } = settings;
  return new TritonCollector({
    ...bounds,
    ...deps,
    reader: defaultTritonReader,
    prometheus: prometheus && {
      client: new PrometheusClient({ url: prometheus.url, timeoutMs }),
      podLabel: prometheus.podLabel,
      namespaceLabel: prometheus.namespaceLabel,
      clusterLabel: prometheus.clusterLabel,
    },
  });
}
