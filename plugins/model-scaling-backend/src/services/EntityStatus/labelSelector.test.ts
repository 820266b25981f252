import { matchesLabels, parseLabelSelector } from './labelSelector';

describe('parseLabelSelector / matchesLabels', () => {
  const labels = {
    'backstage.io/kubernetes-id': 'image-classifier',
    'app.kubernetes.io/name': 'image-classifier',
    tier: 'gpu',
  };

  it.each([
    ['backstage.io/kubernetes-id=image-classifier', true],
    ['backstage.io/kubernetes-id==image-classifier', true],
    ['backstage.io/kubernetes-id=text-classifier', false],
    ['tier!=cpu', true],
    ['tier!=gpu', false],
    ['missing!=x', true],
    ['tier in (cpu, gpu)', true],
    ['tier notin (cpu,gpu)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app.kubernetes.io/name=image-classifier,tier in (gpu)', true],
    ['app.kubernetes.io/name=image-classifier,tier=cpu', false],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each([
    ['a=b,,c=d', /empty term/],
    ['tier in (a,b', /unbalanced/],
    ['bad key!=x y', /cannot read|invalid/],
    ['-bad=x', /invalid label key '-bad'/],
    ['k=v v', /cannot read|invalid/],
    ['k=-v', /invalid label value '-v'/],
  ])('rejects %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
