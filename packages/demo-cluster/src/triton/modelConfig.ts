import type { TritonModelConfig } from '@internal/plugin-model-scaling-common';
import * as common from '@internal/plugin-model-scaling-common';
import { tritonConfigJson } from './tritonConfigJson';

/**
 * The `TritonModelConfig` of a config.pbtxt: through the common package's
 * `parseTritonConfig` when it is exported, else read from the config's JSON form.
 */
export function modelConfigOf(pbtxt: string, fallbackName: string): TritonModelConfig {
  const parse = (common as Record<string, unknown>).parseTritonConfig as
    | ((text: string) => TritonModelConfig)
    | undefined;
  if (typeof parse === 'function') return parse(pbtxt);
  const json = tritonConfigJson(pbtxt, fallbackName) as Record<string, any>;
  const db = json.dynamic_batching;
  return {
    name: json.name,
    platform: json.platform || undefined,
    backend: json.backend || undefined,
    maxBatchSize: json.max_batch_size ?? 0,
    ...(db
      ? {
          dynamicBatching: {
            preferredBatchSize: db.preferred_batch_size ?? [],
            maxQueueDelayMicroseconds: db.max_queue_delay_microseconds ?? 0,
            preserveOrdering: db.preserve_ordering ?? false,
          },
        }
      : {}),
    instanceGroups: (json.instance_group ?? []).map((g: any) => ({ kind: g.kind, count: g.count, gpus: g.gpus })),
  };
}

/** A config.pbtxt for a model the fixtures do not ship (a service created through the API). */
export function defaultModelPbtxt(name: string): string {
  return [
    `name: "${name}"`,
    'backend: "onnxruntime"',
    'max_batch_size: 16',
    'dynamic_batching {',
    '  preferred_batch_size: [ 4, 8, 16 ]',
    '  max_queue_delay_microseconds: 5000',
    '}',
    'instance_group [ { count: 1 kind: KIND_GPU } ]',
    '',
  ].join('\n');
}
