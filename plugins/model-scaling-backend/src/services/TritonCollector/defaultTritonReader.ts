import {
  parseTritonMetrics,
  parseTritonStats,
  TritonMetricsSample,
  tritonConfigFromJson,
  tritonFiguresFromMetrics,
  tritonFiguresFromStats,
  TritonStatsDocument,
} from '@internal/plugin-model-scaling-common';
import { TritonReader } from './tritonReader';

interface StatsSample {
  at: Date;
  doc: TritonStatsDocument;
}

/** The {@link TritonReader} made of the common package's Triton parsers and rate functions. */
export const defaultTritonReader: TritonReader = {
  parseMetrics(text, at) {
    const sample = parseTritonMetrics(text, at);
    return { sample, models: [...new Set(sample.models.map(m => m.model))] };
  },
  metricsFigures(previous, current) {
    return previous === undefined
      ? []
      : tritonFiguresFromMetrics(
          previous as TritonMetricsSample,
          current as TritonMetricsSample,
        );
  },
  parseStats(json, at): StatsSample {
    return { at, doc: parseTritonStats(json) };
  },
  statsFigures(previous, current) {
    if (previous === undefined) return [];
    const p = previous as StatsSample;
    const c = current as StatsSample;
    return tritonFiguresFromStats(p.doc, p.at, c.doc, c.at);
  },
  modelMemoryBytes(stats) {
    const usage = (stats as StatsSample).doc.model_stats.flatMap(
      m =>
        (m as { memory_usage?: { type?: string; byte_size?: number }[] })
          .memory_usage ?? [],
    );
    const gpu = usage.filter(
      u => u.type === 'GPU' && typeof u.byte_size === 'number',
    );
    return gpu.length > 0
      ? gpu.reduce((n, u) => n + u.byte_size!, 0)
      : undefined;
  },
  parseConfig(json) {
    return tritonConfigFromJson(json);
  },
};
