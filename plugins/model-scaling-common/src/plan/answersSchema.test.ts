import { modelServiceAnswersSchema } from './answersSchema';
import { textClassifierAnswers } from './fixtures';

describe('modelServiceAnswersSchema owner', () => {
  const base = () => ({ ...textClassifierAnswers });

  it.each([
    'group:default/ml-platform',
    'user:default/jdoe',
    'Group:ml/vision',
    'ml-platform',
    'default/team_a.b',
  ])('accepts the entity reference %s', owner => {
    expect(
      modelServiceAnswersSchema.safeParse({ ...base(), owner }).success,
    ).toBe(true);
  });

  it.each([
    'group:default/ml-platform\n  injected: true',
    'group:default/x\n---\nkind: Secret',
    'x" | y',
    'component:default/svc',
    'group:Default/x',
    '',
  ])('refuses %j, naming the field', owner => {
    const result = modelServiceAnswersSchema.safeParse({ ...base(), owner });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['owner']);
    expect(result.error?.issues[0].message).toMatch(
      /must be an entity reference of a group or user/,
    );
  });
});
