import { parseTritonConfig, TritonConfigParseError } from './parseTritonConfig';

const RESNET50 = `# ResNet-50 (224x224, fp16) exported to ONNX. Dynamic batching is on, but the queue delay
# is only 100 us: at ~100 requests per second per pod few requests ever wait together.
name: "resnet50"
backend: "onnxruntime"
max_batch_size: 32
input [
  {
    name: "input"
    data_type: TYPE_FP16
    format: FORMAT_NCHW
    dims: [ 3, 224, 224 ]
  }
]
output [
  {
    name: "logits"
    data_type: TYPE_FP16
    dims: [ 1000 ]
  }
]
dynamic_batching {
  preferred_batch_size: [ 4, 8, 16 ]
  max_queue_delay_microseconds: 100
}
instance_group [
  {
    count: 1
    kind: KIND_GPU
    gpus: [ 0 ]
  }
]
`;

describe('parseTritonConfig', () => {
  it('reads the example ResNet-50 config', () => {
    expect(parseTritonConfig(RESNET50)).toEqual({
      name: 'resnet50',
      backend: 'onnxruntime',
      maxBatchSize: 32,
      dynamicBatching: {
        preferredBatchSize: [4, 8, 16],
        maxQueueDelayMicroseconds: 100,
      },
      instanceGroups: [{ count: 1, kind: 'KIND_GPU', gpus: [0] }],
    });
  });

  it('reads repeated fields, one-line configs, angle brackets and separators', () => {
    const text = `name: 'bert'  platform: "tensorrt_plan" max_batch_size: 64;
      dynamic_batching < preferred_batch_size: 16 preferred_batch_size: 32, max_queue_delay_microseconds: 2000 preserve_ordering: true >
      instance_group { count: 2 kind: KIND_GPU gpus: 0 gpus: 1 }
      instance_group { kind: KIND_CPU count: 4 }
      optimization { execution_accelerators { gpu_execution_accelerator : [ { name : "tensorrt" parameters { key: "precision_mode" value: "FP16" } } ] } }`;
    expect(parseTritonConfig(text)).toEqual({
      name: 'bert',
      platform: 'tensorrt_plan',
      maxBatchSize: 64,
      dynamicBatching: {
        preferredBatchSize: [16, 32],
        maxQueueDelayMicroseconds: 2000,
        preserveOrdering: true,
      },
      instanceGroups: [
        { count: 2, kind: 'KIND_GPU', gpus: [0, 1] },
        { count: 4, kind: 'KIND_CPU' },
      ],
    });
  });

  it('treats an empty dynamic_batching block as on with defaults, and its absence as off', () => {
    expect(
      parseTritonConfig('max_batch_size: 8\ndynamic_batching { }')
        .dynamicBatching,
    ).toEqual({ preferredBatchSize: [], maxQueueDelayMicroseconds: 0 });
    expect(
      parseTritonConfig('max_batch_size: 8').dynamicBatching,
    ).toBeUndefined();
    expect(parseTritonConfig('')).toEqual({
      maxBatchSize: 0,
      instanceGroups: [],
    });
  });

  it('names the line and column of a syntax error', () => {
    const text = 'name: "m"\nmax_batch_size 8\n';
    expect(() => parseTritonConfig(text)).toThrow(TritonConfigParseError);
    expect(() => parseTritonConfig(text)).toThrow(
      'config.pbtxt line 2, column 16: expected ":" or "{" after field name "max_batch_size", found "8"',
    );
    expect(() =>
      parseTritonConfig('dynamic_batching {\n  preferred_batch_size: [4, 8\n', {
        source: 'model_repository/m/config.pbtxt',
      }),
    ).toThrow(
      'model_repository/m/config.pbtxt line 3, column 1: expected "," or "]" in the list of "preferred_batch_size", found end of file',
    );
    expect(() => parseTritonConfig('name: "m\n')).toThrow(
      'line 1, column 7: unterminated string',
    );
    expect(() => parseTritonConfig('dynamic_batching {\n')).toThrow(
      'expected "}" to close the block, found end of file',
    );
    expect(() => parseTritonConfig('max_batch_size: 8 }')).toThrow(
      'line 1, column 19: expected a field name, found "}"',
    );
    expect(() => parseTritonConfig('name: "m" @')).toThrow(
      'unexpected character "@"',
    );
  });

  it('names the field and line of a wrongly typed value', () => {
    expect(() =>
      parseTritonConfig('name: "m"\nmax_batch_size: "eight"'),
    ).toThrow(
      'config.pbtxt line 2: max_batch_size must be an integer, got "eight"',
    );
    expect(() =>
      parseTritonConfig(
        'dynamic_batching {\n preferred_batch_size: [4, 8.5] }',
      ),
    ).toThrow(
      'line 2: dynamic_batching.preferred_batch_size must be an integer, got 8.5',
    );
    expect(() => parseTritonConfig('instance_group: 3')).toThrow(
      'instance_group must be a { ... } block, got 3',
    );
  });
});
