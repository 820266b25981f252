import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { formatZodIssues, parseActionInput } from './parseActionInput';

describe('parseActionInput', () => {
  const schema = z.object({
    name: z.string().regex(/^[a-z]+$/, 'must be lower-case letters'),
    hpa: z
      .object({ maxReplicas: z.number().int().min(1) })
      .default({ maxReplicas: 3 }),
  });

  it('applies defaults', () => {
    expect(parseActionInput('a:b', schema, { name: 'x' })).toEqual({
      name: 'x',
      hpa: { maxReplicas: 3 },
    });
  });

  it('throws an InputError naming each invalid field and the rule', () => {
    expect(() =>
      parseActionInput('a:b', schema, { name: 'X', hpa: { maxReplicas: 0 } }),
    ).toThrow(InputError);
    expect(() =>
      parseActionInput('a:b', schema, { name: 'X', hpa: { maxReplicas: 0 } }),
    ).toThrow(
      /^Invalid input to a:b: name: must be lower-case letters; hpa\.maxReplicas: Number must be greater than or equal to 1$/,
    );
  });

  it('names the input itself when the root is wrong', () => {
    const result = schema.safeParse('nope');
    expect(result.success).toBe(false);
    expect(formatZodIssues(result.error!.issues)).toMatch(/^\(input\): /);
  });
});
