import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { imageClassifierStatus, summarizerStatus } from '../../__fixtures__';
import { TritonModelSection } from './TritonModelSection';

describe('TritonModelSection', () => {
  it('puts configured batching next to what is executed', async () => {
    await renderInTestApp(
      <TritonModelSection
        model={imageClassifierStatus.workloads[0].triton!.models[0]}
        latencySloMs={20}
      />,
    );
    expect(screen.getByText('resnet50 v1')).toBeInTheDocument();
    expect(screen.getByText(/370.7 req\/s/)).toBeInTheDocument();
    const table = within(
      screen.getByRole('table', { name: 'Batching of resnet50' }),
    );
    expect(table.getByText('preferred 4, 8, 16 (max 32)')).toBeInTheDocument();
    expect(table.getByText('average 7.13, mostly 8')).toBeInTheDocument();
    expect(table.getByText('max 5 ms')).toBeInTheDocument();
    expect(table.getByText('average 2.4 ms (48 % of max)')).toBeInTheDocument();
    expect(table.getByText('87 %')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Executions per batch size/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Queue 2.4 ms, compute 1.5 ms, SLO 20 ms',
      }),
    ).toBeInTheDocument();
  });

  it('says when dynamic batching is off and the histogram is unavailable', async () => {
    await renderInTestApp(
      <TritonModelSection
        model={summarizerStatus.workloads[0].triton!.models[0]}
        latencySloMs={500}
      />,
    );
    expect(
      screen.getByText('dynamic batching off (max 16)'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Dynamic batching is off/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /metrics only gives the average; the histogram comes from \/v2\/models\/summarizer-encoder\/stats/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /Executions per batch size/ }),
    ).not.toBeInTheDocument();
  });
});
