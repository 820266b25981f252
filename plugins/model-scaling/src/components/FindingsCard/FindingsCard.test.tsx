import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { batchEmbedderStatus } from '../../__fixtures__';
import { FindingsCard } from './FindingsCard';

describe('FindingsCard', () => {
  it('says "On the golden path" when there are no findings', async () => {
    await renderInTestApp(<FindingsCard findings={[]} />);
    expect(screen.getByText('On the golden path')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('lists findings most severe first with evidence and fix', async () => {
    const shuffled = [...batchEmbedderStatus.findings].reverse();
    await renderInTestApp(<FindingsCard findings={shuffled} />);
    expect(screen.getByText('1 error, 1 warning, 1 info')).toBeInTheDocument();
    const articles = screen.getAllByRole('article');
    expect(articles.map(a => a.getAttribute('aria-label'))).toEqual([
      'KEDA fallback is active: the Kafka trigger is failing',
      '2 pods Pending while the autoscaler wants more',
      'Time-sliced GPUs share memory without isolation',
    ]);
    const first = within(articles[0]);
    expect(
      first.getByText(/7 consecutive failures of s0-kafka-embeddings/),
    ).toBeInTheDocument();
    expect(first.getByText(/Fix the trigger/)).toBeInTheDocument();
    expect(first.getByText('ScaledObject/batch-embedder')).toBeInTheDocument();
    expect(first.getByText('rule keda-fallback-active')).toBeInTheDocument();
    expect(first.getByLabelText('Status error')).toBeInTheDocument();
    expect(
      within(articles[1]).getByLabelText('Status warning'),
    ).toBeInTheDocument();
    expect(
      within(articles[2]).getByLabelText('Status pending'),
    ).toBeInTheDocument();
  });
});
