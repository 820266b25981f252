import { resolvePatternPresets } from '@internal/plugin-model-scaling-common';
import { presetChangeFor } from './presetFixes';

const presets = resolvePatternPresets({});

describe('presetChangeFor', () => {
  it('gives one fix per drifted field, to the preset of the pattern, and keeps the drift no file change can fix apart', () => {
    const change = presetChangeFor(
      {
        entityRef: 'component:default/text-classifier',
        name: 'text-classifier',
        pattern: 'realtime-cpu',
        drift: [
          { field: 'hpa.spec.minReplicas', expected: '2', actual: '1' },
          { field: 'autoscaler', expected: 'HPA', actual: 'ScaledObject' },
        ],
      },
      presets,
    );
    expect(change.fixes).toEqual([
      expect.objectContaining({
        id: 'hpa.spec.minReplicas:service',
        source: { kind: 'drift', id: 'hpa.spec.minReplicas' },
        planChanges: [
          {
            path: ['replicas', 'min'],
            to: presets['realtime-cpu'].minReplicas,
          },
        ],
      }),
    ]);
    expect(change.unfixable).toEqual([
      { field: 'autoscaler', expected: 'HPA', actual: 'ScaledObject' },
    ]);
  });

  it('cannot fix drift of a service without a pattern', () => {
    const change = presetChangeFor(
      {
        entityRef: 'component:default/x',
        name: 'x',
        drift: [{ field: 'hpa.spec.minReplicas', expected: '2', actual: '1' }],
      },
      presets,
    );
    expect(change.fixes).toEqual([]);
    expect(change.unfixable).toHaveLength(1);
  });
});
