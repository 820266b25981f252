export {
  historyPointFromStatus,
  historyStatusOf,
  metricUnit,
} from './historyPoint';
export type {
  HistoryPointStatus,
  ModelLatency,
  WorkloadHistoryPoint,
} from './historyPoint';
export {
  assembleWorkloadHistory,
  throughputSamples,
} from './assembleWorkloadHistory';
export type { TimedHistoryPoint } from './assembleWorkloadHistory';
export {
  bucketQuantile,
  tritonLatencyFromMetrics,
} from './tritonLatencyFromMetrics';
export type { LatencyBuckets } from './tritonLatencyFromMetrics';
export {
  mergeWorkloadHistory,
  windowWorkloadHistory,
} from './mergeWorkloadHistory';
