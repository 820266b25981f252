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
  parseConfig(json) {
    return tritonConfigFromJson(json);
  },
};
