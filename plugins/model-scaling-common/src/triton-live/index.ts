export { parseTritonMetrics, TritonMetricsError } from './parseTritonMetrics';
export type {
  TritonMetricsSample,
  TritonModelCounters,
  TritonGpuGauges,
} from './parseTritonMetrics';
export { tritonFiguresFromMetrics } from './tritonFiguresFromMetrics';
export { tritonFiguresFromStats } from './tritonFiguresFromStats';
export {
  parseTritonStats,
  tritonStatsDocumentSchema,
  TritonStatsError,
} from './tritonStatsSchema';
export type {
  TritonStatsDocument,
  TritonModelStats,
} from './tritonStatsSchema';
export {
  tritonConfigFromJson,
  TritonConfigJsonError,
} from './tritonConfigFromJson';
export { mergeTritonFigures } from './mergeTritonFigures';
export { counterDelta } from './counterDelta';
export type { SampleTime } from './sampleTime';
