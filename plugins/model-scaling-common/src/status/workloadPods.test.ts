import {
  rawDeployment,
  rawPodRunning,
  rawReplicaSet,
} from '../slim/__fixtures__/rawObjects';
import { toSlimDeployment } from '../slim/toSlimDeployment';
import { toSlimPod } from '../slim/toSlimPod';
import { toSlimReplicaSet } from '../slim/toSlimReplicaSet';
import { workloadPods } from './workloadPods';

const deployment = toSlimDeployment(rawDeployment, 'demo');
const mine = toSlimPod(rawPodRunning, 'demo');
const foreignNs = toSlimPod(
  {
    ...rawPodRunning,
    metadata: { ...rawPodRunning.metadata, namespace: 'ml-batch' },
  },
  'demo',
);
const otherCluster = toSlimPod(rawPodRunning, 'prod');

describe('workloadPods', () => {
  it('takes pods owned by the Deployment’s ReplicaSets', () => {
    expect(
      workloadPods(
        deployment,
        [toSlimReplicaSet(rawReplicaSet, 'demo')],
        [mine, foreignNs, otherCluster],
      ),
    ).toEqual([mine]);
  });

  it('falls back to the selector without ReplicaSets', () => {
    const unlabeled = toSlimPod(
      {
        ...rawPodRunning,
        metadata: { ...rawPodRunning.metadata, name: 'x', labels: {} },
      },
      'demo',
    );
    expect(workloadPods(deployment, [], [mine, unlabeled, foreignNs])).toEqual([
      mine,
    ]);
  });
});
