import fc from 'fast-check';
import type { TritonModelConfig } from '../types/status';
import { formatTritonConfig } from './formatTritonConfig';
import { parseTritonConfig } from './parseTritonConfig';

const ascending = fc
  .uniqueArray(fc.integer({ min: 1, max: 1024 }), { maxLength: 6 })
  .map(a => [...a].sort((x, y) => x - y));

const configArb: fc.Arbitrary<TritonModelConfig> = fc
  .record(
    {
      name: fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/),
      backend: fc.constantFrom(
        'onnxruntime',
        'pytorch',
        'tensorrt',
        'python',
        'fil',
      ),
      maxBatchSize: fc.integer({ min: 0, max: 4096 }),
      dynamicBatching: fc.option(
        fc.record(
          {
            preferredBatchSize: ascending,
            maxQueueDelayMicroseconds: fc.integer({ min: 0, max: 10_000_000 }),
            preserveOrdering: fc.boolean(),
          },
          { requiredKeys: ['preferredBatchSize', 'maxQueueDelayMicroseconds'] },
        ),
        { nil: undefined },
      ),
      instanceGroups: fc.array(
        fc.record(
          {
            kind: fc.constantFrom(
              'KIND_GPU',
              'KIND_CPU',
              'KIND_AUTO',
              'KIND_MODEL',
            ),
            count: fc.integer({ min: 1, max: 16 }),
            gpus: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['maxBatchSize', 'instanceGroups'] },
  )
  .map(c => {
    // Drop keys fast-check set to undefined so toEqual compares like with like.
    const out: TritonModelConfig = JSON.parse(JSON.stringify(c));
    return out;
  });

/** Writes a config in another legal spelling: repeated fields instead of lists, comments, odd spacing. */
function respell(config: TritonModelConfig, seed: number): string {
  const sep = seed % 2 ? '\n' : ' ; ';
  const parts: string[] = [];
  if (config.name !== undefined) parts.push(`name:'${config.name}'`);
  if (config.backend !== undefined)
    parts.push(`backend : "${config.backend}"  # trailing comment\n`);
  parts.push(`max_batch_size:${config.maxBatchSize}`);
  // Both separators may follow a field; a '#' comment runs to the end of its line.
  const db = config.dynamicBatching;
  if (db) {
    const sizes = db.preferredBatchSize
      .map(s => `preferred_batch_size: ${s}${sep}`)
      .join('');
    const preserve =
      db.preserveOrdering === undefined
        ? ''
        : ` preserve_ordering: ${db.preserveOrdering}`;
    parts.push(
      `dynamic_batching <${sizes}max_queue_delay_microseconds: ${db.maxQueueDelayMicroseconds}${preserve}>`,
    );
  }
  for (const g of config.instanceGroups) {
    const fields = [
      g.kind !== undefined ? `kind: ${g.kind}` : '',
      g.gpus !== undefined ? `gpus: [${g.gpus.join(',')}]` : '',
      g.count !== undefined ? `count: ${g.count}` : '',
    ].filter(Boolean);
    parts.push(`instance_group { ${fields.join(sep)} }`);
  }
  return `# a comment ${seed}\n${parts.join(sep)}`;
}

describe('config.pbtxt round trip', () => {
  it('parse(format(config)) returns the config', () => {
    fc.assert(
      fc.property(configArb, config => {
        expect(parseTritonConfig(formatTritonConfig(config))).toEqual(config);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same config from other legal spellings', () => {
    fc.assert(
      fc.property(configArb, fc.nat(), (config, seed) => {
        expect(parseTritonConfig(respell(config, seed))).toEqual(config);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a parse error on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), text => {
        let error: unknown;
        try {
          parseTritonConfig(text);
        } catch (e) {
          error = e;
        }
        const ok =
          error === undefined ||
          (error instanceof Error &&
            error.name === 'TritonConfigParseError' &&
            /line \d+/.test(error.message));
        expect(ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
