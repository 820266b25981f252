import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { imageClassifierStatus, summarizerStatus } from '../../__fixtures__';
import { TritonCard } from './TritonCard';

describe('TritonCard', () => {
  it('shows each model with the sample age', async () => {
    await renderInTestApp(
      <TritonCard
        triton={imageClassifierStatus.workloads[0].triton}
        tritonModels={['resnet50']}
        latencySloMs={20}
        generatedAt={imageClassifierStatus.generatedAt}
      />,
    );
    expect(screen.getByText('Sampled just now')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Triton model resnet50' }),
    ).toBeInTheDocument();
  });

  it('lists per-pod collection errors next to the figures of the other pods', async () => {
    await renderInTestApp(
      <TritonCard
        triton={summarizerStatus.workloads[0].triton}
        tritonModels={['summarizer-encoder']}
        generatedAt={summarizerStatus.generatedAt}
      />,
    );
    expect(
      screen.getByText(
        /Could not read Triton on pod summarizer-84bd6c7f5-rk2hd: GET \/v2\/models\/summarizer-encoder\/stats/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Triton model summarizer-encoder' }),
    ).toBeInTheDocument();
  });

  it('names annotated models without figures yet', async () => {
    await renderInTestApp(
      <TritonCard
        tritonModels={['resnet50']}
        generatedAt={imageClassifierStatus.generatedAt}
      />,
    );
    expect(
      screen.getByText(/No Triton figures yet for resnet50/),
    ).toBeInTheDocument();
  });

  it('says so for a workload without Triton', async () => {
    await renderInTestApp(
      <TritonCard
        tritonModels={[]}
        generatedAt={imageClassifierStatus.generatedAt}
      />,
    );
    expect(
      screen.getByText('This workload does not run Triton.'),
    ).toBeInTheDocument();
  });
});
