/*
 * Types for `parse-prometheus-text-format` (1.x), which ships none. The output
 * follows prom2json: sample values stay strings (so "NaN" and "+Inf" survive).
 */
declare module 'parse-prometheus-text-format' {
  /** One sample of a counter, gauge or untyped family. */
  export interface PrometheusSample {
    value?: string;
    labels?: Record<string, string>;
    timestamp_ms?: string;
    /** Histograms and summaries. */
    buckets?: Record<string, string>;
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }

  /** One metric family. */
  export interface PrometheusMetricFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED' | string;
    metrics: PrometheusSample[];
  }

  /** Parses text exposition format 0.0.4; throws on an invalid line. */
  export default function parsePrometheusTextFormat(
    text: string,
  ): PrometheusMetricFamily[];
}
