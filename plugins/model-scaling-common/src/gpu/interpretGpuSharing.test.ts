import type { SlimNode, SlimPod, SlimPodSpec } from '../types/status';
import { gpuRequestsOf, parseGpuResourceName } from './gpuResources';
import { interpretGpuSharing } from './interpretGpuSharing';

function spec(
  resources: Record<string, string>,
  selector: Record<string, string> = {},
): SlimPodSpec {
  return {
    containers: [
      {
        name: 'triton',
        requests: { cpu: '4', ...resources },
        limits: resources,
        ports: [],
        args: [],
        env: {},
      },
    ],
    nodeSelector: selector,
    tolerations: [],
    requiredNodeLabels: {},
    preferredNodeLabels: {},
  };
}

function node(
  name: string,
  labels: Record<string, string>,
  allocatable: Record<string, string> = {},
): SlimNode {
  return {
    kind: 'Node',
    meta: { cluster: 'demo', name, labels, annotations: {} },
    capacity: allocatable,
    allocatable,
    ready: true,
    unschedulable: false,
    taints: [],
  };
}

function pod(name: string, podSpec: SlimPodSpec, nodeName?: string): SlimPod {
  return {
    kind: 'Pod',
    meta: { cluster: 'demo', name, labels: {}, annotations: {} },
    phase: nodeName ? 'Running' : 'Pending',
    ...(nodeName ? { nodeName } : {}),
    spec: podSpec,
    conditions: [],
    ready: !!nodeName,
    restartCount: 0,
  };
}

const h200Exclusive = node(
  'gpu-h200-a',
  {
    'nvidia.com/gpu.product': 'NVIDIA-H200',
    'nvidia.com/gpu.count': '8',
    'nvidia.com/gpu.memory': '143771',
    'nvidia.com/gpu.replicas': '1',
    'nvidia.com/gpu.sharing-strategy': 'none',
    'nvidia.com/mig.strategy': 'none',
    'karpenter.sh/capacity-type': 'on-demand',
  },
  { 'nvidia.com/gpu': '8' },
);

const h200TimeSliced = node(
  'gpu-h200-ts',
  {
    'nvidia.com/gpu.product': 'NVIDIA-H200-SHARED',
    'nvidia.com/gpu.count': '8',
    'nvidia.com/gpu.memory': '143771',
    'nvidia.com/gpu.replicas': '4',
    'nvidia.com/gpu.sharing-strategy': 'time-slicing',
    'eks.amazonaws.com/capacityType': 'SPOT',
  },
  { 'nvidia.com/gpu': '32' },
);

const h200Mps = node(
  'gpu-h200-mps',
  {
    'nvidia.com/gpu.product': 'NVIDIA-H200-SHARED',
    'nvidia.com/gpu.count': '8',
    'nvidia.com/gpu.replicas': '2',
    'nvidia.com/gpu.sharing-strategy': 'mps',
  },
  { 'nvidia.com/gpu': '16' },
);

const h200MigMixed = node(
  'gpu-h200-mig',
  {
    'nvidia.com/mig.strategy': 'mixed',
    'nvidia.com/gpu.product': 'NVIDIA-H200',
    'nvidia.com/gpu.count': '8',
    'nvidia.com/mig-1g.18gb.count': '28',
    'nvidia.com/mig-1g.18gb.product': 'NVIDIA-H200-MIG-1g.18gb',
    'nvidia.com/mig-1g.18gb.replicas': '1',
    'nvidia.com/mig-1g.18gb.memory': '16384',
    'nvidia.com/mig-3g.71gb.count': '8',
  },
  { 'nvidia.com/mig-1g.18gb': '28', 'nvidia.com/mig-3g.71gb': '8' },
);

const a100MigSingle = node(
  'gpu-a100-mig',
  {
    'nvidia.com/mig.strategy': 'single',
    'nvidia.com/gpu.product': 'A100-SXM4-40GB-MIG-1g.5gb',
    'nvidia.com/gpu.count': '56',
    'nvidia.com/gpu.memory': '4864',
    'nvidia.com/gpu.replicas': '1',
  },
  { 'nvidia.com/gpu': '56' },
);

describe('gpu resources', () => {
  it('parses device-plugin resource names', () => {
    expect(parseGpuResourceName('nvidia.com/mig-1g.10gb')).toMatchObject({
      migProfile: '1g.10gb',
      renamedShared: false,
    });
    expect(parseGpuResourceName('nvidia.com/mig-1g.10gb.shared')).toMatchObject(
      { migProfile: '1g.10gb', renamedShared: true },
    );
    expect(parseGpuResourceName('nvidia.com/gpu.shared')).toMatchObject({
      renamedShared: true,
      labelPrefix: 'nvidia.com/gpu',
    });
    expect(parseGpuResourceName('amd.com/gpu')).toBeUndefined();
  });

  it('sums limits over containers', () => {
    const s = spec({ 'nvidia.com/gpu': '1' });
    s.containers.push({ ...s.containers[0], name: 'sidecar' });
    expect(gpuRequestsOf(s)).toEqual([
      expect.objectContaining({ resourceName: 'nvidia.com/gpu', count: 2 }),
    ]);
  });
});

describe('interpretGpuSharing', () => {
  it('sees an exclusive GPU on an on-demand H200 node', () => {
    const s = spec({ 'nvidia.com/gpu': '1' });
    const g = interpretGpuSharing(
      [pod('p1', s, 'gpu-h200-a')],
      [h200Exclusive, h200TimeSliced],
    );
    expect(g).toMatchObject({
      mode: 'exclusive',
      resourceName: 'nvidia.com/gpu',
      perPod: 1,
      memoryIsolation: true,
      spot: false,
    });
    expect(g.nodes).toEqual([
      {
        name: 'gpu-h200-a',
        product: 'NVIDIA-H200',
        memoryMiB: 143771,
        gpuCount: 8,
        replicas: 1,
        sharingStrategy: 'none',
        migStrategy: 'none',
        spot: false,
      },
    ]);
  });

  it('sees time-slicing ×4 on spot nodes without memory isolation', () => {
    const s = spec({ 'nvidia.com/gpu': '1' });
    const g = interpretGpuSharing(
      [pod('p1', s, 'gpu-h200-ts'), pod('p2', s, 'gpu-h200-ts')],
      [h200Exclusive, h200TimeSliced],
    );
    expect(g).toMatchObject({
      mode: 'time-slicing',
      replicas: 4,
      memoryIsolation: false,
      spot: true,
    });
    expect(g.nodes[0].capacityLabel).toBe(
      'eks.amazonaws.com/capacityType=SPOT',
    );
  });

  it('sees time-slicing from older GFD labels (replicas and -SHARED only)', () => {
    const old = node('old', {
      'nvidia.com/gpu.product': 'Tesla-T4-SHARED',
      'nvidia.com/gpu.replicas': '10',
    });
    const g = interpretGpuSharing(
      [pod('p', spec({ 'nvidia.com/gpu': '1' }), 'old')],
      [old],
    );
    expect(g).toMatchObject({ mode: 'time-slicing', replicas: 10 });
  });

  it('sees MPS with its enforced memory share', () => {
    const g = interpretGpuSharing(
      [pod('p', spec({ 'nvidia.com/gpu': '1' }), 'gpu-h200-mps')],
      [h200Mps],
    );
    expect(g).toMatchObject({
      mode: 'mps',
      replicas: 2,
      memoryIsolation: true,
    });
  });

  it('sees MIG mixed from the resource name', () => {
    const g = interpretGpuSharing(
      [pod('p', spec({ 'nvidia.com/mig-1g.18gb': '1' }), 'gpu-h200-mig')],
      [h200MigMixed],
    );
    expect(g).toMatchObject({
      mode: 'mig',
      resourceName: 'nvidia.com/mig-1g.18gb',
      migProfile: '1g.18gb',
      migStrategy: 'mixed',
      memoryIsolation: true,
    });
    expect(g.replicas).toBeUndefined();
  });

  it('sees MIG single from the product label', () => {
    const g = interpretGpuSharing(
      [pod('p', spec({ 'nvidia.com/gpu': '1' }), 'gpu-a100-mig')],
      [a100MigSingle],
    );
    expect(g).toMatchObject({
      mode: 'mig',
      migProfile: '1g.5gb',
      migStrategy: 'single',
      memoryIsolation: true,
    });
  });

  it('sees time-sliced MIG slices as shared memory', () => {
    const shared = node('m', {
      'nvidia.com/mig.strategy': 'mixed',
      'nvidia.com/mig-1g.10gb.replicas': '3',
      'nvidia.com/mig-1g.10gb.sharing-strategy': 'time-slicing',
    });
    const g = interpretGpuSharing(
      [pod('p', spec({ 'nvidia.com/mig-1g.10gb': '1' }), 'm')],
      [shared],
    );
    expect(g).toMatchObject({
      mode: 'mig',
      replicas: 3,
      memoryIsolation: false,
    });
  });

  it('reports none for CPU-only pods', () => {
    const g = interpretGpuSharing(
      [pod('p', spec({}), 'cpu-1')],
      [node('cpu-1', { 'karpenter.sh/capacity-type': 'spot' })],
    );
    expect(g).toMatchObject({ mode: 'none', perPod: 0, spot: true });
  });

  it('interprets a pod template against the nodes it can schedule to', () => {
    const s = spec(
      { 'nvidia.com/gpu': '1' },
      { 'nvidia.com/gpu.sharing-strategy': 'time-slicing' },
    );
    const g = interpretGpuSharing(s, [h200Exclusive, h200TimeSliced]);
    expect(g).toMatchObject({ mode: 'time-slicing', replicas: 4 });
    expect(g.nodes.map(n => n.name)).toEqual(['gpu-h200-ts']);
  });

  it('interprets a rendered manifest without any nodes from the labels it selects', () => {
    const ts = spec(
      { 'nvidia.com/gpu': '1' },
      {
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        'nvidia.com/gpu.replicas': '4',
      },
    );
    ts.requiredNodeLabels = { 'karpenter.sh/capacity-type': 'spot' };
    expect(interpretGpuSharing(ts, [])).toMatchObject({
      mode: 'time-slicing',
      replicas: 4,
      spot: true,
      nodes: [],
    });
    expect(
      interpretGpuSharing(spec({ 'nvidia.com/gpu': '2' }), []),
    ).toMatchObject({ mode: 'exclusive', perPod: 2, spot: false });
    expect(
      interpretGpuSharing(spec({ 'nvidia.com/mig-3g.71gb': '1' }), []),
    ).toMatchObject({ mode: 'mig', migProfile: '3g.71gb' });
  });

  it('uses the pending pods’ template when nothing is scheduled yet', () => {
    const g = interpretGpuSharing(
      [pod('p', spec({ 'nvidia.com/mig-1g.18gb': '1' }))],
      [h200Exclusive, h200MigMixed],
    );
    expect(g.mode).toBe('mig');
    expect(g.nodes.map(n => n.name)).toEqual(['gpu-h200-mig']);
  });

  it('takes the majority mode when pods run on differently configured nodes', () => {
    const s = spec({ 'nvidia.com/gpu': '1' });
    const ts2 = {
      ...h200TimeSliced,
      meta: { ...h200TimeSliced.meta, name: 'gpu-h200-ts2' },
    };
    const g = interpretGpuSharing(
      [
        pod('a', s, 'gpu-h200-ts'),
        pod('b', s, 'gpu-h200-ts2'),
        pod('c', s, 'gpu-h200-a'),
      ],
      [h200Exclusive, h200TimeSliced, ts2],
    );
    expect(g.mode).toBe('time-slicing');
    expect(g.nodes).toHaveLength(3);
  });
});
