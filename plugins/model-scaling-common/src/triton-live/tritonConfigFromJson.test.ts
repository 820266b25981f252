import { tritonConfigFromJson } from './tritonConfigFromJson';

describe('tritonConfigFromJson', () => {
  it('reads dynamic batching and instance groups from the /config JSON', () => {
    const config = tritonConfigFromJson({
      name: 'resnet50',
      platform: 'onnxruntime_onnx',
      backend: 'onnxruntime',
      version_policy: { latest: { num_versions: 1 } },
      max_batch_size: 32,
      input: [{ name: 'input', data_type: 'TYPE_FP16', dims: [3, 224, 224] }],
      dynamic_batching: {
        preferred_batch_size: [4, 8, 16],
        max_queue_delay_microseconds: 5000,
        preserve_ordering: false,
        priority_levels: 0,
        default_priority_level: 0,
        priority_queue_policy: {},
      },
      instance_group: [
        {
          name: 'resnet50_0',
          kind: 'KIND_GPU',
          count: 1,
          gpus: [0],
          secondary_devices: [],
          profile: [],
          passive: false,
          host_policy: '',
        },
      ],
    });
    expect(config).toEqual({
      name: 'resnet50',
      platform: 'onnxruntime_onnx',
      backend: 'onnxruntime',
      maxBatchSize: 32,
      dynamicBatching: {
        preferredBatchSize: [4, 8, 16],
        maxQueueDelayMicroseconds: 5000,
        preserveOrdering: false,
      },
      instanceGroups: [{ kind: 'KIND_GPU', count: 1, gpus: [0] }],
    });
  });

  it('has no dynamicBatching when the key is absent and accepts int64 strings', () => {
    const config = tritonConfigFromJson({
      name: 'm',
      max_batch_size: '8',
      instance_group: [{ kind: 'KIND_CPU', count: '2' }],
    });
    expect(config.dynamicBatching).toBeUndefined();
    expect(config.maxBatchSize).toBe(8);
    expect(config.instanceGroups).toEqual([{ kind: 'KIND_CPU', count: 2 }]);
  });

  it('names the invalid field', () => {
    expect(() =>
      tritonConfigFromJson({
        dynamic_batching: { preferred_batch_size: ['four'] },
      }),
    ).toThrow('dynamic_batching.preferred_batch_size[0]');
  });
});
