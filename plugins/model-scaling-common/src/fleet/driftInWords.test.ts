import { driftInWords } from './driftInWords';

describe('driftInWords', () => {
  it('names the setting, the live value and the named preset’s value with units', () => {
    expect(
      driftInWords(
        {
          field:
            'scaledObject.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds',
          expected: '60',
          actual: '300',
        },
        'bursty',
      ),
    ).toBe('scale-down window 300 s, preset bursty 60 s');
    expect(
      driftInWords(
        {
          field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
          expected: '60',
          actual: '300 (Kubernetes default)',
        },
        'realtime-cpu',
      ),
    ).toBe(
      'scale-down window 300 s (Kubernetes default), preset realtime-cpu 60 s',
    );
    expect(
      driftInWords(
        {
          field:
            'triton.resnet50.dynamic_batching.max_queue_delay_microseconds',
          expected: '5000',
          actual: '20000',
        },
        'realtime-gpu',
      ),
    ).toBe('resnet50 queue delay 20,000 µs, preset realtime-gpu 5,000 µs');
    expect(
      driftInWords({ field: 'spot', expected: 'false', actual: 'true' }),
    ).toBe('spot capacity yes, preset no');
  });

  it('keeps the workload in front when a service runs in several places', () => {
    expect(
      driftInWords(
        {
          field: 'eu/ml/svc: hpa.spec.maxReplicas',
          expected: '20',
          actual: '8',
        },
        'realtime-cpu',
      ),
    ).toBe('eu/ml/svc: max replicas 8, preset realtime-cpu 20');
  });

  it('falls back to the raw field for settings it does not know', () => {
    expect(
      driftInWords({ field: 'x.y', expected: 'a', actual: 'b' }, 'bursty'),
    ).toBe('x.y b, preset bursty a');
  });
});

describe('driftInWords memo', () => {
  it('words an item the same however often and after the memo starts afresh, and keeps presets apart', () => {
    const item = {
      field: 'hpa.behavior.scaleDown.stabilizationWindowSeconds',
      actual: '300 (Kubernetes default)',
      expected: '60',
    };
    const first = driftInWords(item, 'realtime-cpu');
    expect(driftInWords(item, 'bursty')).toBe(
      first.replace('preset realtime-cpu', 'preset bursty'),
    );
    for (let i = 0; i < 10_050; i++) {
      driftInWords({
        field: 'spec.minReplicas',
        actual: String(i),
        expected: '2',
      });
    }
    expect(driftInWords(item, 'realtime-cpu')).toBe(first);
    expect(
      driftInWords({
        field: 'spec.minReplicas',
        actual: '12345',
        expected: '2',
      }),
    ).toBe('min replicas 12,345, preset 2');
  });
});
