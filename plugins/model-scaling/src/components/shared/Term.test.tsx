import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { Term } from './Term';
import { GLOSSARY } from './glossary';

describe('Term', () => {
  it('explains the term in a tooltip on hover', async () => {
    await renderInTestApp(<Term term="cooldownPeriod">Cooldown 5m</Term>);
    fireEvent.mouseOver(screen.getByText('Cooldown 5m'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      GLOSSARY.cooldownPeriod,
    );
  });

  it('is reachable from the keyboard', async () => {
    await renderInTestApp(<Term term="averageBatch">Average batch</Term>);
    expect(screen.getByText('Average batch')).toHaveAttribute('tabindex', '0');
  });
});
