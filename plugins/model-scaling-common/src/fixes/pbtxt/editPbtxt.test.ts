import fc from 'fast-check';
import { createPlan } from '../../plan/createPlan';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
} from '../../plan/fixtures';
import { renderTritonConfig } from '../../triton/renderTritonConfig';
import { getPbtxtValue, setPbtxtValue } from './editPbtxt';
import { parsePbtxt, pbtxtToPlain } from './parsePbtxt';

const name = fc.constantFrom('alpha', 'beta', 'gamma_x', 'delta', 'eps');
const comment = fc
  .stringMatching(/^[a-z µ#{}:"\[\]]{0,20}$/)
  .map(s => `# ${s}`);
const scalar = fc.oneof(
  fc.integer({ min: -100000, max: 100000 }),
  fc.stringMatching(/^[a-z .:/"\\-]{0,12}$/),
  fc.constantFrom('KIND_GPU', 'TYPE_FP32', 'true'),
);

function write(v: unknown): string {
  if (typeof v === 'number') return String(v);
  const s = v as string;
  return /^(?:[A-Z][A-Z0-9_]*|true)$/.test(s) ? s : JSON.stringify(s);
}

/** A message of distinct fields: scalars, scalar lists and nested messages, each with a comment. */
const message: fc.Memo<Record<string, unknown>> = fc.memo(depth =>
  fc.dictionary(
    name,
    depth > 1
      ? fc.oneof(
          scalar,
          fc.array(fc.integer({ min: 0, max: 64 }), { maxLength: 4 }),
          message(depth - 1),
        )
      : fc.oneof(
          scalar,
          fc.array(fc.integer({ min: 0, max: 64 }), { maxLength: 4 }),
        ),
    { maxKeys: 4 },
  ),
);

function print(
  m: Record<string, unknown>,
  indent: string,
  comments: string[],
): string {
  return Object.entries(m)
    .map(([k, v], i) => {
      const c = comments[i % Math.max(comments.length, 1)] ?? '';
      const head = c ? `${indent}${c}\n` : '';
      if (Array.isArray(v))
        return `${head}${indent}${k}: [ ${v.join(', ')} ] ${c}\n`;
      if (typeof v === 'object' && v !== null) {
        return `${head}${indent}${k} {\n${print(
          v as Record<string, unknown>,
          `${indent}  `,
          comments,
        )}${indent}}\n`;
      }
      return `${head}${indent}${k}: ${write(v)} ${c}\n`;
    })
    .join('');
}

const documentArb = fc.record({
  fields: message(3),
  comments: fc.array(comment, { maxLength: 3 }),
});

describe('structural config.pbtxt editing', () => {
  it('reads back what was written, comments and all (property)', () => {
    fc.assert(
      fc.property(documentArb, ({ fields, comments }) => {
        const text = print(fields, '', comments);
        expect(pbtxtToPlain(text)).toEqual(fields);
      }),
    );
  });

  it('setting a field changes that field only and keeps every comment (property)', () => {
    fc.assert(
      fc.property(
        documentArb,
        fc.array(name, { minLength: 1, maxLength: 3 }),
        scalar,
        ({ fields, comments }, path, to) => {
          const text = print(fields, '', comments);
          let out: string | undefined;
          let failure: Error | undefined;
          try {
            out = setPbtxtValue(text, path, to);
          } catch (e) {
            failure = e as Error;
          }
          // only a path through a scalar or a list cannot be set
          expect(failure?.name ?? 'PbtxtEditError').toBe('PbtxtEditError');
          if (out === undefined) return;
          expect(getPbtxtValue(out, path)).toEqual(to);
          const old = getPbtxtValue(text, path);
          const replacesMessage =
            typeof old === 'object' && !Array.isArray(old);
          for (const c of replacesMessage ? [] : comments) {
            expect(out.split(c).length).toBeGreaterThanOrEqual(
              text.split(c).length,
            );
          }
          const expected = JSON.parse(JSON.stringify(fields));
          let node = expected;
          for (const key of path.slice(0, -1)) {
            node[key] =
              typeof node[key] === 'object' && !Array.isArray(node[key])
                ? node[key]
                : {};
            node = node[key];
          }
          node[path[path.length - 1]] = to;
          expect(pbtxtToPlain(out)).toEqual(expected);
        },
      ),
    );
  });

  it('removing a field removes its line and nothing else', () => {
    const text =
      'name: "m"\n# keep me\nmax_batch_size: 8 # why\ndynamic_batching {\n  # sizes\n  preferred_batch_size: [ 4, 8 ]\n  max_queue_delay_microseconds: 100\n}\n';
    expect(
      setPbtxtValue(
        text,
        ['dynamic_batching', 'max_queue_delay_microseconds'],
        undefined,
      ),
    ).toBe(
      'name: "m"\n# keep me\nmax_batch_size: 8 # why\ndynamic_batching {\n  # sizes\n  preferred_batch_size: [ 4, 8 ]\n}\n',
    );
  });

  it('adds a missing dynamic_batching block in the generated style', () => {
    const text = 'name: "m"\nmax_batch_size: 8\n';
    expect(
      setPbtxtValue(text, ['dynamic_batching'], {
        preferred_batch_size: [4, 8],
        max_queue_delay_microseconds: 5000,
      }),
    ).toBe(
      'name: "m"\nmax_batch_size: 8\ndynamic_batching {\n  preferred_batch_size: [ 4, 8 ]\n  max_queue_delay_microseconds: 5000\n}\n',
    );
  });

  it.each([
    ['realtime-gpu', imageClassifierAnswers],
    ['async-batch', batchEmbedderAnswers],
    ['bursty', summarizerAnswers],
  ])(
    'reads the generated %s config.pbtxt and edits it in place',
    (_p, answers) => {
      const text = renderTritonConfig(createPlan(answers));
      expect(parsePbtxt(text).text).toBe(text);
      const out = setPbtxtValue(text, ['instance_group', 0, 'count'], 2);
      expect(out).toBe(text.replace('count: 1', 'count: 2'));
    },
  );
});
