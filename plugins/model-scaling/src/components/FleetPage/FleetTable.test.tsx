import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fleetResponse } from '../../__fixtures__';
import { FleetTable } from './FleetTable';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function bodyRows() {
  // The header row is in <thead>.
  return screen
    .getAllByRole('row')
    .filter(row => row.closest('tbody'))
    .filter(row => within(row).queryAllByRole('link').length > 0);
}

describe('FleetTable', () => {
  it('lists every service with a link to its Scaling tab', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    const link = screen.getByRole('link', {
      name: 'Image classifier (ResNet-50)',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/image-classifier/scaling',
    );
    expect(bodyRows()).toHaveLength(4);
    const summarizer = within(
      screen.getByRole('link', { name: 'Summarizer' }).closest('tr')!,
    );
    expect(summarizer.getByText('bursty')).toBeInTheDocument();
    expect(summarizer.getByText('2/2 → 3 · 0–10')).toBeInTheDocument();
    expect(summarizer.getByText('mig')).toBeInTheDocument();
    expect(summarizer.getByText('2 warning')).toBeInTheDocument();
    expect(summarizer.getByText('2 fields drifted')).toBeInTheDocument();
    expect(summarizer.getByLabelText('1 cluster problem')).toBeInTheDocument();
  });

  it('sorts the most severe findings first by default', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    const names = bodyRows().map(
      row => within(row).getByRole('link').textContent,
    );
    expect(names[0]).toBe('Batch embedder');
    expect(names[names.length - 1]).toBe('Image classifier (ResNet-50)');
  });

  it('searches by name', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'embed' },
    });
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(
      screen.getByRole('link', { name: 'Batch embedder' }),
    ).toBeInTheDocument();
  });

  it('filters by severity', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    await userEvent.click(screen.getByRole('button', { name: 'filter list' }));
    // Filters in the order given: Pattern, then Severity.
    const [pattern, severity] = screen.getAllByTestId('select');
    expect(
      within(pattern.parentElement!.parentElement!).getByText('Pattern'),
    ).toBeInTheDocument();
    await userEvent.click(within(severity).getByRole('button'));
    await userEvent.click(await screen.findByRole('option', { name: 'error' }));
    // A multiple select stays open; close it to read the table again.
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(
      screen.getByRole('link', { name: 'Batch embedder' }),
    ).toBeInTheDocument();
  });

  it('has an empty state', async () => {
    await renderInTestApp(<FleetTable services={[]} />, { mountedRoutes });
    expect(screen.getByText(/No model services yet/)).toBeInTheDocument();
  });
});
