import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fleetResponse } from '../../__fixtures__';
import { DriftCell } from './DriftCell';

describe('DriftCell', () => {
  it('says on preset without drift', async () => {
    await renderInTestApp(<DriftCell drift={[]} />);
    expect(screen.getByText('on preset')).toBeInTheDocument();
  });

  it('counts drifted fields and details them on hover', async () => {
    const summarizer = fleetResponse.services.find(
      s => s.name === 'summarizer',
    )!;
    await renderInTestApp(<DriftCell drift={summarizer.drift} />);
    await userEvent.hover(screen.getByText('2 fields drifted'));
    expect(
      await screen.findByText('keda.cooldownPeriod: expected 300, actual 600'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /triton.summarizer-encoder.dynamicBatching: expected preferred_batch_size \[4, 8, 16\]/,
      ),
    ).toBeInTheDocument();
  });
});
