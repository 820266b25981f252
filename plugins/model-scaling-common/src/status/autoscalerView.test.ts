import {
  rawDeployment,
  rawHpa,
  rawScaledObject,
} from '../slim/__fixtures__/rawObjects';
import { toSlimDeployment } from '../slim/toSlimDeployment';
import { toSlimHpa } from '../slim/toSlimHpa';
import { toSlimScaledObject } from '../slim/toSlimScaledObject';
import { autoscalerView } from './autoscalerView';

const deployment = toSlimDeployment(rawDeployment, 'demo');
const so = toSlimScaledObject(rawScaledObject, 'demo');
const kedaHpa = toSlimHpa(
  {
    metadata: {
      name: 'keda-hpa-image-classifier',
      namespace: 'ml-serving',
      labels: { 'scaledobject.keda.sh/name': 'image-classifier' },
    },
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'image-classifier' },
      minReplicas: 1,
      maxReplicas: 8,
      metrics: [
        {
          type: 'External',
          external: {
            metric: { name: 's0-prometheus' },
            target: { type: 'AverageValue', averageValue: '100' },
          },
        },
      ],
    },
    status: { currentReplicas: 3, desiredReplicas: 3 },
  },
  'demo',
);
const plainHpa = toSlimHpa(
  {
    ...rawHpa,
    metadata: { name: 'image-classifier', namespace: 'ml-serving' },
    spec: {
      ...rawHpa.spec,
      scaleTargetRef: { kind: 'Deployment', name: 'image-classifier' },
    },
  },
  'demo',
);

describe('autoscalerView', () => {
  it('shows KEDA with its own HPA as one autoscaler', () => {
    const view = autoscalerView(
      deployment,
      [kedaHpa, toSlimHpa(rawHpa, 'demo')],
      [so],
    );
    expect(view.type).toBe('keda');
    expect(view.keda?.name).toBe('image-classifier');
    expect(view.hpa?.name).toBe('keda-hpa-image-classifier');
    expect(view.hpa?.managedByKeda).toBe(true);
    expect(view.conflicting).toEqual([]);
  });

  it('flags a plain HPA next to a ScaledObject as conflicting', () => {
    const view = autoscalerView(deployment, [kedaHpa, plainHpa], [so]);
    expect(view.type).toBe('keda');
    expect(view.conflicting).toEqual([
      'ScaledObject/image-classifier',
      'HorizontalPodAutoscaler/image-classifier',
    ]);
  });

  it('shows a plain HPA alone', () => {
    const view = autoscalerView(deployment, [plainHpa], []);
    expect(view.type).toBe('hpa');
    expect(view.hpa?.managedByKeda).toBe(false);
    expect(view.conflicting).toEqual([]);
  });

  it('ignores autoscalers of other workloads, namespaces and clusters', () => {
    const otherNs = { ...so, meta: { ...so.meta, namespace: 'ml-batch' } };
    const otherCluster = {
      ...plainHpa,
      meta: { ...plainHpa.meta, cluster: 'prod' },
    };
    expect(
      autoscalerView(
        deployment,
        [toSlimHpa(rawHpa, 'demo'), otherCluster],
        [otherNs],
      ),
    ).toEqual({ type: 'none', conflicting: [] });
  });
});
