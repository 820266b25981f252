/*
 * The backend's Triton collector, built the way the plugin builds it (pod-proxy
 * fetcher over a Kubernetes API client, the default reader of the common
 * parsers, optionally Prometheus), pointed at the test Triton.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { KubeApiClient } from '../../../plugins/model-scaling-backend/src/services/KubeApi/KubeApiClient';
import { defaultTritonReader } from '../../../plugins/model-scaling-backend/src/services/TritonCollector/defaultTritonReader';
import { PodProxyFetcher } from '../../../plugins/model-scaling-backend/src/services/TritonCollector/PodProxyFetcher';
import { PrometheusClient } from '../../../plugins/model-scaling-backend/src/services/TritonCollector/PrometheusClient';
import { TritonCollector } from '../../../plugins/model-scaling-backend/src/services/TritonCollector/TritonCollector';
import type { TritonTarget } from '../../../plugins/model-scaling-backend/src/services/TritonCollector/tritonTargets';

export const CLUSTER = 'local';
export const NAMESPACE = 'ml-serving';
export const WORKLOAD = `${CLUSTER}/${NAMESPACE}/image-classifier`;

/** A pod of the image classifier's workload, reading the given models. */
export function target(
  pod: string,
  models: string[],
  podUid = `uid-${pod}`,
): TritonTarget {
  return {
    cluster: CLUSTER,
    namespace: NAMESPACE,
    pod,
    podUid,
    workload: WORKLOAD,
    models,
  };
}

export function createCollector(options: {
  apiUrl: string;
  targets: () => TritonTarget[];
  prometheusUrl?: string;
  timeoutMs?: number;
}): TritonCollector {
  const client = new KubeApiClient({
    name: CLUSTER,
    url: options.apiUrl,
    auth: { type: 'serviceAccount', token: 'test' },
    // The Kubernetes client refuses plain http unless TLS checks are off.
    skipTLSVerify: true,
  });
  const fetcher = new PodProxyFetcher(client, options.timeoutMs ?? 5000);
  return new TritonCollector({
    targets: async () => options.targets(),
    fetcher: cluster => (cluster === CLUSTER ? fetcher : undefined),
    reader: defaultTritonReader,
    logger: mockServices.logger.mock(),
    intervalSeconds: 3600,
    concurrency: 8,
    configRefreshIntervals: 1,
    ...(options.prometheusUrl && {
      prometheus: {
        client: new PrometheusClient({
          url: options.prometheusUrl,
          timeoutMs: options.timeoutMs ?? 5000,
        }),
        podLabel: 'pod',
        namespaceLabel: 'namespace',
      },
    }),
  });
}
