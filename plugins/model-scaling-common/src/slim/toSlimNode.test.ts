import { rawGpuNode } from './__fixtures__/rawObjects';
import { toSlimNode } from './toSlimNode';

describe('toSlimNode', () => {
  it('keeps GFD labels, capacity, readiness and taints', () => {
    const node = toSlimNode(rawGpuNode, 'demo');
    expect(node.meta.labels['nvidia.com/gpu.product']).toBe('NVIDIA-H200');
    expect(node.capacity['nvidia.com/gpu']).toBe('8');
    expect(node.allocatable.cpu).toBe('191450m');
    expect(node.ready).toBe(true);
    expect(node.unschedulable).toBe(false);
    expect(node.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
    ]);
  });

  it('marks cordoned, not-ready nodes', () => {
    const node = toSlimNode(
      {
        metadata: { name: 'n' },
        spec: { unschedulable: true },
        status: {
          conditions: [
            { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' },
          ],
        },
      },
      'demo',
    );
    expect(node.ready).toBe(false);
    expect(node.unschedulable).toBe(true);
  });

  it('stringifies numeric label values', () => {
    const node = toSlimNode(
      { metadata: { name: 'n', labels: { 'nvidia.com/gpu.count': 8 } } },
      'demo',
    );
    expect(node.meta.labels['nvidia.com/gpu.count']).toBe('8');
  });
});
