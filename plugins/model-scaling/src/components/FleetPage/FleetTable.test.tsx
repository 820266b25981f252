import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fleetPageResponse } from '../../__fixtures__';
import { FleetTable, FleetTableProps } from './FleetTable';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function props(overrides: Partial<FleetTableProps> = {}): FleetTableProps {
  return {
    rows: fleetPageResponse.rows,
    total: 123,
    offset: 0,
    limit: 50,
    sort: 'verdict',
    order: 'asc',
    onPage: jest.fn(),
    onSort: jest.fn(),
    ...overrides,
  };
}

const rowOf = (name: string) =>
  within(screen.getByRole('link', { name }).closest('tr')!);

describe('FleetTable', () => {
  it('shows each service with its verdict, replicas, GPUs, findings linking to its findings, and drift in words', async () => {
    await renderInTestApp(<FleetTable {...props()} />, { mountedRoutes });
    expect(
      screen.getByRole('link', { name: 'Image classifier (ResNet-50)' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/image-classifier/scaling',
    );
    const summarizer = rowOf('Summarizer');
    expect(summarizer.getByText('At risk')).toBeInTheDocument();
    expect(summarizer.getByText('bursty')).toBeInTheDocument();
    expect(summarizer.getByText('2/2 ready → 3 of max 10')).toBeInTheDocument();
    expect(summarizer.getByText('2 warnings').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/summarizer/scaling#findings',
    );
    expect(summarizer.getByText('2 settings differ')).toBeInTheDocument();
    expect(summarizer.getByLabelText('1 cluster problem')).toBeInTheDocument();
  });

  it('shows a service with no workload as "Not deployed", never as healthy or on preset', async () => {
    await renderInTestApp(<FleetTable {...props()} />, { mountedRoutes });
    const speech = rowOf('Speech recognizer');
    expect(speech.getByText('Not deployed')).toBeInTheDocument();
    expect(speech.getByText('not deployed')).toBeInTheDocument();
    expect(speech.queryByText('none')).not.toBeInTheDocument();
    expect(speech.queryByText(/on preset/)).not.toBeInTheDocument();
  });

  it('asks the backend to sort: the active column says its direction to assistive technology', async () => {
    const onSort = jest.fn();
    await renderInTestApp(<FleetTable {...props({ onSort })} />, {
      mountedRoutes,
    });
    expect(
      screen.getByRole('columnheader', { name: /Verdict/ }),
    ).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'GPUs' }));
    expect(onSort).toHaveBeenCalledWith('gpus', 'asc');
    await userEvent.click(screen.getByRole('button', { name: /Verdict/ }));
    expect(onSort).toHaveBeenCalledWith('verdict', 'desc');
  });

  it('pages on the backend and counts with the right plural', async () => {
    const onPage = jest.fn();
    await renderInTestApp(<FleetTable {...props({ onPage })} />, {
      mountedRoutes,
    });
    expect(screen.getByText('1–50 of 123 services')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(onPage).toHaveBeenCalledWith(50, 50);
  });

  it('selects rows for actions on several services when asked to', async () => {
    const onSelectionChange = jest.fn();
    await renderInTestApp(
      <FleetTable {...props({ selected: [], onSelectionChange })} />,
      { mountedRoutes },
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Select Summarizer' }),
    );
    expect(onSelectionChange).toHaveBeenCalledWith([
      'component:default/summarizer',
    ]);
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Select the services on this page',
      }),
    );
    expect(onSelectionChange).toHaveBeenLastCalledWith(
      fleetPageResponse.rows.map(r => r.entityRef),
    );
  });

  it('has no checkboxes without a selection handler', async () => {
    await renderInTestApp(<FleetTable {...props()} />, { mountedRoutes });
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });
});
