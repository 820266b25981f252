import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { WhatIfChart, latencyTick } from './WhatIfChart';

const points = Array.from({ length: 24 }, (_, hour) => ({
  hour,
  load: 100 + hour * 10,
  desired: 2 + Math.floor(hour / 6),
  ready: 2 + Math.floor(hour / 6),
  latencyMs: hour === 12 ? null : 5 + hour,
  unserved: hour === 12 ? 40 : 0,
  shortMinutes: hour === 12 ? 5 : 0,
  overSloMinutes: hour >= 15 || hour === 12 ? 5 : 0,
}));

describe('WhatIfChart', () => {
  it('draws load, desired and ready replicas, and latency with the SLO', async () => {
    const { container } = await renderInTestApp(
      <WhatIfChart points={points} loadUnit="req/s" sloMs={20} />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Simulated replicas and load over a day',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Simulated latency over a day' }),
    ).toBeInTheDocument();
    // load, unserved load, minutes over the SLO
    expect(container.querySelectorAll('.recharts-area')).toHaveLength(3);
    expect(
      screen.getByRole('heading', { name: 'Latency against the SLO' }),
    ).toBeInTheDocument();
    // desired, ready and latency
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(3);
    expect(screen.getByText('load (req/s)')).toBeInTheDocument();
    expect(screen.getByText('desired replicas')).toBeInTheDocument();
    expect(screen.getByText('SLO')).toBeInTheDocument();
  });

  it('says when there is no latency estimate', async () => {
    await renderInTestApp(
      <WhatIfChart
        points={points.map(p => ({
          ...p,
          latencyMs: null,
          overSloMinutes: 0,
        }))}
        loadUnit="msg/s"
      />,
    );
    expect(screen.getByText(/No latency estimate/)).toBeInTheDocument();
  });

  it('writes latency ticks short enough for the axis (ms, then s)', () => {
    expect(latencyTick(250)).toBe('250 ms');
    expect(latencyTick(800_000)).toBe('800 s');
    expect(latencyTick(1500)).toBe('1.5 s');
  });
});
