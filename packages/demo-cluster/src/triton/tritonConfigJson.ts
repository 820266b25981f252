import { parsePbtxt } from './pbtxt';

/** The platform Triton reports for a backend when the config names none. */
const PLATFORMS: Record<string, string> = {
  onnxruntime: 'onnxruntime_onnx',
  tensorrt: 'tensorrt_plan',
};

const TENSOR_DEFAULTS = {
  data_type: 'TYPE_INVALID',
  format: 'FORMAT_NONE',
  dims: [] as number[],
  is_shape_tensor: false,
  allow_ragged_batch: false,
  optional: false,
  is_non_linear_format_io: false,
};

/**
 * The JSON Triton answers at `GET /v2/models/<m>/config` for a `config.pbtxt`: snake_case
 * fields, enums as strings, primitive fields printed with their defaults, and
 * `dynamic_batching` present only when the file enables it (it is a protobuf oneof).
 */
export function tritonConfigJson(
  pbtxt: string,
  fallbackName: string,
): Record<string, unknown> {
  const parsed = parsePbtxt(pbtxt) as Record<string, any>;
  const backend = parsed.backend ?? '';
  const platform = parsed.platform ?? PLATFORMS[backend] ?? '';
  const json: Record<string, unknown> = {
    name: parsed.name ?? fallbackName,
    platform,
    backend,
    runtime: parsed.runtime ?? '',
    version_policy: parsed.version_policy ?? { latest: { num_versions: 1 } },
    max_batch_size: parsed.max_batch_size ?? 0,
    input: (parsed.input ?? []).map((t: object) => ({
      ...TENSOR_DEFAULTS,
      ...t,
    })),
    output: (parsed.output ?? []).map((t: object) => ({
      name: '',
      data_type: 'TYPE_INVALID',
      dims: [],
      label_filename: '',
      is_shape_tensor: false,
      is_non_linear_format_io: false,
      ...t,
    })),
    batch_input: parsed.batch_input ?? [],
    batch_output: parsed.batch_output ?? [],
    optimization: parsed.optimization ?? {
      priority: 'PRIORITY_DEFAULT',
      input_pinned_memory: { enable: true },
      output_pinned_memory: { enable: true },
      gather_kernel_buffer_threshold: 0,
      eager_batching: false,
    },
    instance_group: (
      parsed.instance_group ?? [{ count: 1, kind: 'KIND_GPU' }]
    ).map((g: Record<string, unknown>, i: number) => ({
      name: `${parsed.name ?? fallbackName}_${i}`,
      kind: 'KIND_GPU',
      count: 1,
      gpus: [0],
      secondary_devices: [],
      profile: [],
      passive: false,
      host_policy: '',
      ...g,
    })),
    default_model_filename:
      parsed.default_model_filename ??
      (backend === 'onnxruntime' ? 'model.onnx' : ''),
    cc_model_filenames: parsed.cc_model_filenames ?? {},
    metric_tags: parsed.metric_tags ?? {},
    parameters: parsed.parameters ?? {},
    model_warmup: parsed.model_warmup ?? [],
  };
  if (parsed.dynamic_batching !== undefined) {
    const db = parsed.dynamic_batching as Record<string, unknown>;
    json.dynamic_batching = {
      preferred_batch_size: db.preferred_batch_size ?? [],
      max_queue_delay_microseconds: db.max_queue_delay_microseconds ?? 0,
      preserve_ordering: db.preserve_ordering ?? false,
      priority_levels: db.priority_levels ?? 0,
      default_priority_level: db.default_priority_level ?? 0,
      priority_queue_policy: db.priority_queue_policy ?? {},
      ...(db.default_queue_policy
        ? { default_queue_policy: db.default_queue_policy }
        : {}),
    };
  }
  if (parsed.sequence_batching !== undefined)
    json.sequence_batching = parsed.sequence_batching;
  if (parsed.ensemble_scheduling !== undefined)
    json.ensemble_scheduling = parsed.ensemble_scheduling;
  if (parsed.response_cache !== undefined)
    json.response_cache = parsed.response_cache;
  return json;
}
