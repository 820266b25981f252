import { rawRescaleEvent } from './__fixtures__/rawObjects';
import { parseRescaleMessage, toSlimEvent } from './toSlimEvent';

describe('toSlimEvent', () => {
  it('reduces a SuccessfulRescale event and parses its message', () => {
    expect(toSlimEvent(rawRescaleEvent, 'demo')).toMatchObject({
      kind: 'Event',
      involvedObject: {
        kind: 'HorizontalPodAutoscaler',
        name: 'text-classifier',
        namespace: 'ml-serving',
      },
      reason: 'SuccessfulRescale',
      time: '2026-11-28T09:58:13Z',
      count: 2,
      newSize: 4,
      rescaleReason:
        'cpu resource utilization (percentage of request) above target',
    });
  });

  it('ignores other reasons', () => {
    expect(
      toSlimEvent(
        { ...rawRescaleEvent, reason: 'FailedGetResourceMetric' },
        'demo',
      ),
    ).toBeUndefined();
  });

  it('reads events.k8s.io/v1 events with a series', () => {
    const e = toSlimEvent(
      {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: 'ml-serving' },
        regarding: {
          kind: 'HorizontalPodAutoscaler',
          name: 'keda-hpa-summarizer',
          namespace: 'ml-serving',
        },
        reason: 'SuccessfulRescale',
        note: 'New size: 1; reason: All metrics below target',
        eventTime: new Date('2026-11-28T10:00:00Z'),
        series: {
          count: 5,
          lastObservedTime: new Date('2026-11-28T10:20:00Z'),
        },
      },
      'demo',
    );
    expect(e).toMatchObject({
      involvedObject: { name: 'keda-hpa-summarizer' },
      time: '2026-11-28T10:20:00.000Z',
      count: 5,
      newSize: 1,
      rescaleReason: 'All metrics below target',
    });
  });

  it('keeps unparseable messages as they are', () => {
    expect(parseRescaleMessage('scaled by someone')).toEqual({});
    const e = toSlimEvent(
      { ...rawRescaleEvent, message: 'scaled by someone' },
      'demo',
    );
    expect(e?.newSize).toBeUndefined();
    expect(e?.message).toBe('scaled by someone');
  });

  it('requires some timestamp', () => {
    expect(() =>
      toSlimEvent(
        {
          metadata: { name: 'e' },
          reason: 'SuccessfulRescale',
          message: 'New size: 2; reason: x',
        },
        'demo',
      ),
    ).toThrow('Event lastTimestamp is required');
  });
});
