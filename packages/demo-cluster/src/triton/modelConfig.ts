import {
  parseTritonConfig,
  TritonModelConfig,
} from '@internal/plugin-model-scaling-common';

/** The `TritonModelConfig` of a config.pbtxt, read by the common package's parser. */
export function modelConfigOf(
  pbtxt: string,
  source: string,
): TritonModelConfig {
  return parseTritonConfig(pbtxt, { source });
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
