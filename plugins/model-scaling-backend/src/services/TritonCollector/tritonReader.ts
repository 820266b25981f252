import {
  TritonModelConfig,
  TritonModelFigures,
} from '@internal/plugin-model-scaling-common';

/**
 * How the collector reads what Triton answers. The default,
 * {@link defaultTritonReader}, is built from the common package's parsers;
 * every method throws on input it cannot read, and the collector records
 * that as the pod's error.
 */
export interface TritonReader {
  /** Parses `/metrics` text; returns an opaque sample and the model names in it. */
  parseMetrics(text: string, at: Date): { sample: unknown; models: string[] };
  /** Figures per model from the previous and the current `/metrics` sample. */
  metricsFigures(
    previous: unknown | undefined,
    current: unknown,
  ): TritonModelFigures[];
  /** Checks and keeps a `/v2/models/<m>/stats` answer. */
  parseStats(json: unknown, at: Date): unknown;
  /** Figures per model from the previous and the current stats sample. */
  statsFigures(
    previous: unknown | undefined,
    current: unknown,
  ): TritonModelFigures[];
  /** GPU memory the model holds, from a stats sample (`memory_usage`), when reported. */
  modelMemoryBytes(stats: unknown): number | undefined;
  /** Reads a `/v2/models/<m>/config` answer. */
  parseConfig(json: unknown): TritonModelConfig;
}
