import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { fleetResponse } from '../../__fixtures__';
import { DriftCell } from './DriftCell';

describe('DriftCell', () => {
  it('says on which preset a service is without drift', async () => {
    await renderInTestApp(<DriftCell drift={[]} pattern="realtime-gpu" />);
    expect(screen.getByText('on preset realtime-gpu')).toBeInTheDocument();
  });

  it('shows each drift inline, in words, against the named preset (no hover needed)', async () => {
    const summarizer = fleetResponse.services.find(
      s => s.name === 'summarizer',
    )!;
    await renderInTestApp(
      <DriftCell drift={summarizer.drift} pattern="bursty" />,
    );
    expect(screen.getByText('2 settings differ')).toBeInTheDocument();
    expect(
      screen.getByText('KEDA cooldown 600 s, preset bursty 300 s'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'summarizer-encoder dynamic batching off, preset bursty on',
      ),
    ).toBeInTheDocument();
  });

  it('never says "on preset" for a service that is not deployed', async () => {
    await renderInTestApp(
      <DriftCell drift={[]} pattern="realtime-gpu" deployed={false} />,
    );
    expect(screen.queryByText(/on preset/)).not.toBeInTheDocument();
  });
});
