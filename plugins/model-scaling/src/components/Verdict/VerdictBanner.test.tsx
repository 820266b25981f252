import { renderInTestApp } from '@backstage/test-utils';
import { Verdict } from '@internal/plugin-model-scaling-common';
import { screen } from '@testing-library/react';
import { VerdictBanner } from './VerdictBanner';

const reason = (n: number) => ({
  severity: 'warning' as const,
  evidence: `problem ${n}`,
  fix: `fix ${n}`,
});

describe('VerdictBanner', () => {
  it('shows the level in words, the headline and the first reasons with their fixes', async () => {
    const verdict: Verdict = {
      level: 'at-risk',
      headline: 'problem 1 (and 4 more problems)',
      reasons: [1, 2, 3, 4, 5].map(reason),
    };
    await renderInTestApp(<VerdictBanner verdict={verdict} />);
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'problem 1 (and 4 more problems)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('problem 3')).toBeInTheDocument();
    expect(screen.getByText('fix 3')).toBeInTheDocument();
    expect(screen.queryByText('problem 4')).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: '2 more reasons in the findings below',
      }),
    ).toHaveAttribute('href', '#findings');
  });

  it('says what healthy means when nothing is wrong', async () => {
    await renderInTestApp(
      <VerdictBanner
        verdict={{
          level: 'healthy',
          headline: 'On the golden path: no scaling problem found',
          reasons: [],
        }}
      />,
    );
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText(/Replicas have headroom/)).toBeInTheDocument();
  });
});
