import { formatMetricValue, metricStatus } from './metricStatus';

const metric = (current: number | undefined, target = 70) => ({
  name: 'cpu',
  sourceType: 'Resource',
  targetType: 'Utilization',
  target,
  current,
});

describe('metricStatus', () => {
  it('treats a missing current value as an error', () => {
    expect(metricStatus(metric(undefined))).toMatchObject({ health: 'error' });
  });

  it('uses the 10 % tolerance band like the HPA controller', () => {
    expect(metricStatus(metric(77))).toMatchObject({
      label: 'within tolerance',
    });
    expect(metricStatus(metric(63))).toMatchObject({
      label: 'within tolerance',
    });
    expect(metricStatus(metric(78))).toMatchObject({
      health: 'warning',
      label: 'above target: scaling up',
    });
    expect(metricStatus(metric(62))).toMatchObject({
      label: 'below target: may scale down',
    });
  });

  it('gives the ratio', () => {
    expect(metricStatus(metric(81)).ratio).toBeCloseTo(81 / 70);
  });

  it('does not divide by a zero target', () => {
    expect(metricStatus(metric(5, 0))).toMatchObject({ health: 'neutral' });
  });
});

describe('formatMetricValue', () => {
  it('adds the unit of the target type', () => {
    expect(formatMetricValue(81, 'Utilization')).toBe('81 %');
    expect(formatMetricValue(92.7, 'AverageValue')).toBe('92.7 per pod');
    expect(formatMetricValue(3, 'Value')).toBe('3');
    expect(formatMetricValue(undefined, 'Value')).toBe('—');
  });
});
