import { promRegexEscape, promStringEscape } from './PrometheusClient';

/** The Triton metric families read from Prometheus, and how each is aggregated per pod. */
export const TRITON_PROMETHEUS_FAMILIES: ReadonlyArray<{
  name: string;
  /** Labels kept besides pod, namespace (and cluster) and `model`. */
  by: string[];
  /** `sum` for counters, gauges and histogram buckets; `max` for summary quantiles (they cannot be added). */
  op: 'sum' | 'max';
}> = [
  { name: 'nv_inference_request_success', by: ['version'], op: 'sum' },
  { name: 'nv_inference_request_failure', by: ['version'], op: 'sum' },
  { name: 'nv_inference_count', by: ['version'], op: 'sum' },
  { name: 'nv_inference_exec_count', by: ['version'], op: 'sum' },
  { name: 'nv_inference_request_duration_us', by: ['version'], op: 'sum' },
  { name: 'nv_inference_queue_duration_us', by: ['version'], op: 'sum' },
  {
    name: 'nv_inference_compute_input_duration_us',
    by: ['version'],
    op: 'sum',
  },
  {
    name: 'nv_inference_compute_infer_duration_us',
    by: ['version'],
    op: 'sum',
  },
  {
    name: 'nv_inference_compute_output_duration_us',
    by: ['version'],
    op: 'sum',
  },
  { name: 'nv_inference_pending_request_count', by: ['version'], op: 'sum' },
  { name: 'nv_inference_request_summary_us', by: ['quantile'], op: 'max' },
  {
    name: 'nv_inference_first_response_histogram_ms_bucket',
    by: ['le'],
    op: 'sum',
  },
];

/** GPU utilisation in percent per GPU, as NVIDIA's DCGM exporter names it. */
export const DCGM_GPU_UTILIZATION = 'DCGM_FI_DEV_GPU_UTIL';

/** The labels that name a pod's series in Prometheus. */
export interface PrometheusPodLabels {
  podLabel: string;
  namespaceLabel: string;
  /** Set when one Prometheus serves several clusters. */
  clusterLabel?: string;
}

/** The instant queries of one round for one cluster. */
export interface TritonFleetQueries {
  /** One per metric family, aggregated by pod and model (and the family's own label). */
  families: { name: string; promql: string }[];
  /** The time Prometheus last scraped each pod (`timestamp()`), the sample time for rates. */
  scrapeTimes: string;
  /** DCGM GPU utilisation per pod (optional: absent when Prometheus has no DCGM). */
  gpuUtilization: string;
}

/**
 * The queries that read the Triton counters of every sampled pod of a
 * cluster: one per metric family, aggregated `by (namespace, pod, model, …)`
 * over the namespaces the pods are in, plus the scrape times and the GPU
 * utilisation — a fixed number per cluster and round (14), whatever the
 * number of pods. Series of pods that are not sampled are dropped when the
 * answers are mapped back to the pods.
 */
export function tritonFleetQueries(
  labels: PrometheusPodLabels,
  scope: { cluster: string; namespaces: string[] },
): TritonFleetQueries {
  const namespaces = [...new Set(scope.namespaces)].sort();
  const matchers = [
    namespaces.length === 1
      ? `${labels.namespaceLabel}="${promStringEscape(namespaces[0])}"`
      : `${labels.namespaceLabel}=~"${namespaces
          .map(promRegexEscape)
          .join('|')}"`,
    ...(labels.clusterLabel
      ? [`${labels.clusterLabel}="${promStringEscape(scope.cluster)}"`]
      : []),
  ].join(',');
  const pod = [
    labels.namespaceLabel,
    labels.podLabel,
    ...(labels.clusterLabel ? [labels.clusterLabel] : []),
  ];
  return {
    families: TRITON_PROMETHEUS_FAMILIES.map(f => ({
      name: f.name,
      promql: `${f.op} by (${[...pod, 'model', ...f.by].join(', ')}) (${
        f.name
      }{${matchers}})`,
    })),
    // timestamp() drops metric names, so it must see one metric only.
    scrapeTimes: `max by (${pod.join(
      ', ',
    )}) (timestamp(nv_inference_request_success{${matchers}}))`,
    gpuUtilization: `avg by (${pod.join(
      ', ',
    )}) (${DCGM_GPU_UTILIZATION}{${matchers}})`,
  };
}
