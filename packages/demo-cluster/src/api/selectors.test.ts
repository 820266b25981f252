import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  requirementsFromLabelSelector,
} from './selectors';

const labels = {
  'app.kubernetes.io/name': 'image-classifier',
  tier: 'gpu',
  replicas: '4',
};

describe('parseLabelSelector', () => {
  it.each([
    ['app.kubernetes.io/name=image-classifier', true],
    ['app.kubernetes.io/name==image-classifier', true],
    ['app.kubernetes.io/name!=image-classifier', false],
    ['app.kubernetes.io/name=text-classifier', false],
    ['tier in (gpu, cpu)', true],
    ['tier in (cpu)', false],
    ['tier notin (cpu)', true],
    ['tier notin (gpu,cpu)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['missing!=x', true],
    ['missing notin (x)', true],
    ['missing in (x)', false],
    ['replicas>3', true],
    ['replicas<3', false],
    ['tier=gpu,app.kubernetes.io/name in (image-classifier,summarizer)', true],
    ['tier=gpu,!tier', false],
    ['', true],
  ])('%s matches: %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('rejects an invalid key with a message naming it', () => {
    expect(() => parseLabelSelector('bad key=x')).toThrow(/bad key/);
    expect(() => parseLabelSelector('a=b c')).toThrow(
      /invalid label value "b c"/,
    );
  });

  it('converts matchLabels and matchExpressions', () => {
    const reqs = requirementsFromLabelSelector({
      matchLabels: { tier: 'gpu' },
      matchExpressions: [
        { key: 'replicas', operator: 'In', values: ['4', '5'] },
        { key: 'missing', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesLabels(reqs, labels)).toBe(true);
    expect(matchesLabels(reqs, { ...labels, missing: 'x' })).toBe(false);
    expect(() =>
      requirementsFromLabelSelector({
        matchExpressions: [{ key: 'a', operator: 'Like' }],
      }),
    ).toThrow(/Like/);
  });
});

describe('parseFieldSelector', () => {
  const event = {
    metadata: { name: 'e1', namespace: 'ml-serving' },
    reason: 'SuccessfulRescale',
    involvedObject: {
      kind: 'HorizontalPodAutoscaler',
      name: 'text-classifier',
    },
  };

  it('matches supported fields', () => {
    const allowed = ['reason', 'involvedObject.name', 'involvedObject.kind'];
    expect(
      matchesFields(
        parseFieldSelector('reason=SuccessfulRescale', allowed),
        event,
      ),
    ).toBe(true);
    expect(
      matchesFields(
        parseFieldSelector(
          'involvedObject.name==text-classifier,metadata.namespace=ml-serving',
          allowed,
        ),
        event,
      ),
    ).toBe(true);
    expect(
      matchesFields(
        parseFieldSelector('reason!=SuccessfulRescale', allowed),
        event,
      ),
    ).toBe(false);
    expect(matchesFields(parseFieldSelector('metadata.name=e2'), event)).toBe(
      false,
    );
  });

  it('rejects fields the type does not support, like kube-apiserver', () => {
    expect(() => parseFieldSelector('spec.nodeName=x')).toThrow(
      'field label not supported: spec.nodeName',
    );
  });
});
