import { rawReplicaSet } from './__fixtures__/rawObjects';
import { toSlimReplicaSet } from './toSlimReplicaSet';

describe('toSlimReplicaSet', () => {
  it('keeps the owning Deployment and counts', () => {
    expect(toSlimReplicaSet(rawReplicaSet, 'demo')).toMatchObject({
      kind: 'ReplicaSet',
      ownerDeployment: 'image-classifier',
      specReplicas: 3,
      readyReplicas: 2,
      meta: { name: 'image-classifier-7d9c6b5f4d', namespace: 'ml-serving' },
    });
  });

  it('defaults counts of a partial object', () => {
    const rs = toSlimReplicaSet({ metadata: { name: 'orphan' } }, 'demo');
    expect(rs.ownerDeployment).toBeUndefined();
    expect(rs.readyReplicas).toBe(0);
  });
});
