import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { imageClassifierStatus } from '../../__fixtures__';
import { BatchHistogramChart } from './BatchHistogramChart';

describe('BatchHistogramChart', () => {
  it('draws one bar per batch size, preferred sizes highlighted', async () => {
    const model = imageClassifierStatus.workloads[0].triton!.models[0];
    const { container } = await renderInTestApp(
      <BatchHistogramChart
        histogram={model.batchSizeHistogram}
        preferred={[4, 8, 16]}
      />,
    );
    expect(screen.getByRole('img')).toHaveAttribute(
      'aria-label',
      'Executions per batch size: 1×40, 2×60, 4×170, 8×430, 16×80',
    );
    const bars = container.querySelectorAll('.recharts-bar-rectangle path');
    expect(bars).toHaveLength(5);
    const fills = Array.from(bars).map(b => b.getAttribute('fill'));
    // 1 and 2 are not preferred, 4/8/16 are.
    expect(fills[0]).toBe(fills[1]);
    expect(fills[2]).toBe(fills[3]);
    expect(fills[0]).not.toBe(fills[2]);
    expect(screen.getByText('batch size')).toBeInTheDocument();
  });

  it('writes thousands of executions in one number format', async () => {
    await renderInTestApp(
      <BatchHistogramChart
        histogram={[
          { batchSize: 1, executions: 12388 },
          { batchSize: 2, executions: 120 },
        ]}
        preferred={[]}
      />,
    );
    expect(screen.getByRole('img')).toHaveAttribute(
      'aria-label',
      'Executions per batch size: 1×12,388, 2×120',
    );
  });
});
