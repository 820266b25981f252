import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FindingCounts } from './FindingCounts';

describe('FindingCounts', () => {
  it('shows a chip per present severity', async () => {
    await renderInTestApp(
      <FindingCounts findings={{ error: 1, warning: 2, info: 0 }} />,
    );
    expect(screen.getByText('1 error')).toBeInTheDocument();
    expect(screen.getByText('2 warnings')).toBeInTheDocument();
    expect(screen.queryByText(/info/)).not.toBeInTheDocument();
  });

  it('shows a tick when there are none', async () => {
    await renderInTestApp(
      <FindingCounts findings={{ error: 0, warning: 0, info: 0 }} />,
    );
    expect(screen.getByLabelText('Status ok')).toHaveTextContent('none');
  });

  it('links the counts to the service’s findings', async () => {
    await renderInTestApp(
      <FindingCounts
        findings={{ error: 0, warning: 1, info: 2 }}
        to="/catalog/default/component/x/scaling#findings"
      />,
    );
    expect(screen.getByText('1 warning').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/x/scaling#findings',
    );
    expect(screen.getByText('2 notes')).toBeInTheDocument();
  });

  it('does not show a green "none" for a service that is not deployed', async () => {
    await renderInTestApp(
      <FindingCounts
        findings={{ error: 0, warning: 0, info: 0 }}
        deployed={false}
      />,
    );
    expect(screen.queryByText('none')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Status ok')).not.toBeInTheDocument();
  });
});
