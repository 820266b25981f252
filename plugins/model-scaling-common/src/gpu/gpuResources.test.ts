import fc from 'fast-check';
import { tryParseQuantity } from '../quantity/parseQuantity';
import type { SlimPodSpec } from '../types/status';
import { gpuRequestsOf, parseGpuResourceName } from './gpuResources';

/** The plain definition: every resource name of limits and requests, limits first. */
function reference(spec: SlimPodSpec) {
  const totals = new Map<string, number>();
  for (const container of spec.containers) {
    const names = new Set([
      ...Object.keys(container.limits),
      ...Object.keys(container.requests),
    ]);
    for (const name of names) {
      if (!parseGpuResourceName(name)) continue;
      const count =
        tryParseQuantity(container.limits[name] ?? container.requests[name]) ??
        0;
      totals.set(name, (totals.get(name) ?? 0) + count);
    }
  }
  return [...totals.entries()]
    .filter(([, count]) => count > 0)
    .map(([name, count]) => ({ ...parseGpuResourceName(name)!, count }));
}

const resourceName = fc.constantFrom(
  'cpu',
  'memory',
  'nvidia.com/gpu',
  'nvidia.com/gpu.shared',
  'nvidia.com/mig-1g.10gb',
  'nvidia.com/mig-3g.40gb.shared',
  'nvidia.com/mig-1g.10gb+me',
  'nvidia.com/other',
  'amd.com/gpu',
);
const quantity = fc.constantFrom('0', '1', '2', '500m', '4Gi', 'x');
const resources = fc.dictionary(resourceName, quantity, { maxKeys: 4 });
const spec: fc.Arbitrary<SlimPodSpec> = fc.record({
  containers: fc.array(
    fc.record({
      name: fc.constant('c'),
      ports: fc.constant([]),
      args: fc.constant([]),
      env: fc.constant({}),
      requests: resources,
      limits: resources,
    }),
    { maxLength: 3 },
  ),
  nodeSelector: fc.constant({}),
  tolerations: fc.constant([]),
  requiredNodeLabels: fc.constant({}),
  preferredNodeLabels: fc.constant({}),
});

describe('gpuRequestsOf', () => {
  it('sums the NVIDIA resources of the containers, limits over requests', () => {
    const s = {
      containers: [
        {
          requests: { cpu: '1', 'nvidia.com/gpu': '1' },
          limits: { 'nvidia.com/gpu': '2' },
        },
        { requests: { 'nvidia.com/gpu': '1' }, limits: {} },
      ],
    } as unknown as SlimPodSpec;
    expect(gpuRequestsOf(s)).toEqual([
      {
        resourceName: 'nvidia.com/gpu',
        renamedShared: false,
        labelPrefix: 'nvidia.com/gpu',
        count: 3,
      },
    ]);
  });

  it('answers what the plain definition answers, for any spec', () => {
    fc.assert(
      fc.property(spec, s => {
        expect(gpuRequestsOf(s)).toEqual(reference(s));
      }),
      { numRuns: 500 },
    );
  });
});
