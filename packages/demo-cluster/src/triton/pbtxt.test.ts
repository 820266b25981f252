import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePbtxt } from './pbtxt';
import { tritonConfigJson } from './tritonConfigJson';

const repo = join(__dirname, '..', '..', '..', '..', 'examples', 'cluster');

describe('parsePbtxt', () => {
  it('parses messages, lists, enums, comments and colon-less message lists', () => {
    const parsed = parsePbtxt(`
      # a comment
      name: "resnet50"   max_batch_size: 32
      input [ { name: "x" data_type: TYPE_FP16 dims: [ 3, 224, 224 ] } ]
      dynamic_batching { preferred_batch_size: [ 4, 8 ] max_queue_delay_microseconds: 100 }
      instance_group [ { count: 2 kind: KIND_GPU gpus: [ 0 ] } ]
      parameters { key: "k" value: { string_value: "v" } }
    `);
    expect(parsed).toEqual({
      name: 'resnet50',
      max_batch_size: 32,
      input: [{ name: 'x', data_type: 'TYPE_FP16', dims: [3, 224, 224] }],
      dynamic_batching: {
        preferred_batch_size: [4, 8],
        max_queue_delay_microseconds: 100,
      },
      instance_group: [{ count: 2, kind: 'KIND_GPU', gpus: [0] }],
      parameters: { key: 'k', value: { string_value: 'v' } },
    });
  });

  it('keeps repeated fields as arrays even with one element', () => {
    expect(parsePbtxt('dynamic_batching { preferred_batch_size: 8 }')).toEqual({
      dynamic_batching: { preferred_batch_size: [8] },
    });
  });

  it('names the line of a syntax error', () => {
    expect(() => parsePbtxt('name: "a"\nmax_batch_size 8')).toThrow(
      'config.pbtxt line 2: expected ":" or "{" after "max_batch_size"',
    );
    expect(() =>
      parsePbtxt('dynamic_batching {\n preferred_batch_size: [4, 8'),
    ).toThrow(/line 2/);
  });
});

describe('tritonConfigJson', () => {
  it('renders the shipped image-classifier config like Triton', () => {
    const text = readFileSync(
      join(repo, 'image-classifier/model_repository/resnet50/config.pbtxt'),
      'utf8',
    );
    const json = tritonConfigJson(text, 'resnet50');
    expect(json).toMatchObject({
      name: 'resnet50',
      platform: 'onnxruntime_onnx',
      backend: 'onnxruntime',
      max_batch_size: 32,
      dynamic_batching: {
        preferred_batch_size: [4, 8, 16],
        max_queue_delay_microseconds: 100,
        preserve_ordering: false,
      },
      instance_group: [
        { name: 'resnet50_0', kind: 'KIND_GPU', count: 1, gpus: [0] },
      ],
    });
    expect((json.input as any[])[0]).toMatchObject({
      name: 'input',
      data_type: 'TYPE_FP16',
      dims: [3, 224, 224],
    });
  });

  it('leaves dynamic_batching out when the config does not enable it (a protobuf oneof)', () => {
    const json = tritonConfigJson('name: "m" max_batch_size: 8', 'm');
    expect(json).not.toHaveProperty('dynamic_batching');
    expect(json.max_batch_size).toBe(8);
  });

  it('parses every shipped config', () => {
    for (const path of [
      'image-classifier/model_repository/resnet50/config.pbtxt',
      'batch-embedder/model_repository/bert-embedder/config.pbtxt',
      'summarizer/model_repository/summarizer-encoder/config.pbtxt',
    ]) {
      const json = tritonConfigJson(
        readFileSync(join(repo, path), 'utf8'),
        'x',
      );
      expect(json.dynamic_batching).toBeDefined();
    }
  });
});
