import { rawDeployment } from './__fixtures__/rawObjects';
import { toSlimDeployment } from './toSlimDeployment';

describe('toSlimDeployment', () => {
  it('reduces a Deployment with its pod template', () => {
    const d = toSlimDeployment(rawDeployment, 'demo');
    expect(d.meta).toMatchObject({
      cluster: 'demo',
      namespace: 'ml-serving',
      name: 'image-classifier',
      creationTimestamp: '2026-11-20T09:12:44Z',
      resourceVersion: '184467',
    });
    expect(d.specReplicas).toBe(3);
    expect(d.selector).toEqual({
      'app.kubernetes.io/name': 'image-classifier',
    });
    expect(d.status).toEqual({
      replicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 3,
      unavailableReplicas: 1,
      observedGeneration: 7,
    });
    const spec = d.template.spec;
    expect(spec.containers[0]).toEqual({
      name: 'triton',
      image: 'nvcr.io/nvidia/tritonserver:25.10-py3',
      requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' },
      limits: { memory: '16Gi', 'nvidia.com/gpu': '1' },
      ports: [8000, 8001, 8002],
      args: [
        'tritonserver',
        '--model-repository=/models',
        '--metrics-port=8002',
      ],
      env: { CUDA_MODULE_LOADING: 'LAZY' },
    });
    expect(spec.nodeSelector).toEqual({
      'nvidia.com/gpu.product': 'NVIDIA-H200',
    });
    // In with one value is kept, Exists becomes '*', In with two values is dropped.
    expect(spec.requiredNodeLabels).toEqual({
      'karpenter.sh/capacity-type': 'on-demand',
      'nvidia.com/gpu.present': '*',
    });
    expect(spec.preferredNodeLabels).toEqual({
      'node.kubernetes.io/instance-type': 'p5en.48xlarge',
    });
    expect(spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(d.template.annotations).toEqual({ 'prometheus.io/port': '8002' });
  });

  it('accepts client-node objects with Date timestamps', () => {
    const d = toSlimDeployment(
      {
        ...rawDeployment,
        metadata: {
          ...rawDeployment.metadata,
          creationTimestamp: new Date('2026-11-20T09:12:44Z'),
        },
      },
      'demo',
    );
    expect(d.meta.creationTimestamp).toBe('2026-11-20T09:12:44.000Z');
  });

  it('tolerates a rendered manifest without status', () => {
    const { status: _status, ...manifest } = rawDeployment;
    const d = toSlimDeployment(manifest, 'plan');
    expect(d.status.replicas).toBe(0);
    expect(d.template.spec.containers).toHaveLength(1);
  });

  it('tolerates a bare object with only a name', () => {
    const d = toSlimDeployment({ metadata: { name: 'x' } }, 'demo');
    expect(d.template.spec.containers).toEqual([]);
    expect(d.selector).toEqual({});
    expect(d.specReplicas).toBeUndefined();
  });

  it('throws naming the field for invalid objects', () => {
    expect(() => toSlimDeployment({ metadata: {} }, 'demo')).toThrow(
      'Deployment metadata.name is required',
    );
    expect(() => toSlimDeployment(null, 'demo')).toThrow(
      'Deployment (object) must be an object',
    );
    expect(() =>
      toSlimDeployment({ ...rawDeployment, kind: 'StatefulSet' }, 'demo'),
    ).toThrow('Deployment kind must be "Deployment", got "StatefulSet"');
    expect(() =>
      toSlimDeployment(
        { ...rawDeployment, spec: { replicas: 'three' } },
        'demo',
      ),
    ).toThrow('Deployment spec.replicas must be a number');
    expect(() =>
      toSlimDeployment(
        {
          metadata: { name: 'x' },
          spec: { template: { spec: { containers: {} } } },
        },
        'demo',
      ),
    ).toThrow('Deployment spec.template.spec.containers must be an array');
  });
});
