import { RescaleEventView } from '@internal/plugin-model-scaling-common';
import { textClassifierStatus } from '../../__fixtures__';
import { replicaTimeline } from './replicaTimeline';

const event = (time: string, newSize?: number): RescaleEventView => ({
  time,
  object: 'HorizontalPodAutoscaler/x',
  newSize,
  message: newSize === undefined ? 'unparsed' : `New size: ${newSize}`,
});

describe('replicaTimeline', () => {
  it('sorts events and ends at the current count', () => {
    const points = replicaTimeline(
      [event('2026-11-28T10:00:00Z', 5), event('2026-11-28T09:00:00Z', 3)],
      { until: '2026-11-28T12:00:00Z', current: 6 },
    );
    expect(points.map(p => p.replicas)).toEqual([3, 5, 6]);
    expect(points[0].t).toBe(Date.parse('2026-11-28T09:00:00Z'));
    expect(points[2].t).toBe(Date.parse('2026-11-28T12:00:00Z'));
  });

  it('skips events without a size or a valid time', () => {
    const points = replicaTimeline(
      [
        event('2026-11-28T10:00:00Z'),
        event('garbage', 4),
        event('2026-11-28T11:00:00Z', 2),
      ],
      { until: '2026-11-28T12:00:00Z', current: 2 },
    );
    expect(points.map(p => p.replicas)).toEqual([2, 2]);
  });

  it('is empty without events', () => {
    expect(
      replicaTimeline([], { until: '2026-11-28T12:00:00Z', current: 3 }),
    ).toEqual([]);
  });

  it('does not append a point before the last event', () => {
    const points = replicaTimeline([event('2026-11-28T12:00:00Z', 4)], {
      until: '2026-11-28T11:00:00Z',
      current: 9,
    });
    expect(points).toHaveLength(1);
  });

  it('follows the text-classifier fixture', () => {
    const w = textClassifierStatus.workloads[0];
    expect(
      replicaTimeline(w.rescaleEvents, {
        until: textClassifierStatus.generatedAt,
        current: w.replicas.current,
      }).map(p => p.replicas),
    ).toEqual([3, 5, 4, 6, 7, 6]);
  });
});
