import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FindingCounts } from './FindingCounts';

describe('FindingCounts', () => {
  it('shows a chip per present severity', async () => {
    await renderInTestApp(
      <FindingCounts findings={{ error: 1, warning: 2, info: 0 }} />,
    );
    expect(screen.getByText('1 error')).toBeInTheDocument();
    expect(screen.getByText('2 warning')).toBeInTheDocument();
    expect(screen.queryByText(/info/)).not.toBeInTheDocument();
  });

  it('shows a tick when there are none', async () => {
    await renderInTestApp(
      <FindingCounts findings={{ error: 0, warning: 0, info: 0 }} />,
    );
    expect(screen.getByLabelText('Status ok')).toHaveTextContent('none');
  });
});
