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
    expect(bodyRows()).toHaveLength(5);
    const summarizer = within(
      screen.getByRole('link', { name: 'Summarizer' }).closest('tr')!,
    );
    expect(summarizer.getByText('bursty')).toBeInTheDocument();
    expect(summarizer.getByText('2/2 → 3 · 0–10')).toBeInTheDocument();
    expect(summarizer.getByText('mig')).toBeInTheDocument();
    expect(summarizer.getByText('2 warnings')).toBeInTheDocument();
    expect(summarizer.getByText('2 settings differ')).toBeInTheDocument();
    expect(summarizer.getByText('At risk')).toBeInTheDocument();
    expect(summarizer.getByLabelText('1 cluster problem')).toBeInTheDocument();
  });

  it('sorts the worst verdict first by default', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    const names = bodyRows().map(
      row => within(row).getAllByRole('link')[0].textContent,
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
    // Filters in the order given: Verdict, Pattern, then Severity.
    const [, pattern, severity] = screen.getAllByTestId('select');
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

  it('filters by verdict', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    await userEvent.click(screen.getByRole('button', { name: 'filter list' }));
    const [verdict] = screen.getAllByTestId('select');
    await userEvent.click(within(verdict).getByRole('button'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'At risk' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(
      screen.getByRole('link', { name: 'Summarizer' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Text classifier' }),
    ).toBeInTheDocument();
  });

  it('tells a service that was never deployed apart from a healthy one', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    const speech = within(
      screen.getByRole('link', { name: 'Speech recognizer' }).closest('tr')!,
    );
    expect(speech.getByText('Not deployed')).toBeInTheDocument();
    expect(speech.queryByText('none')).not.toBeInTheDocument();
    expect(speech.queryByText(/on preset/)).not.toBeInTheDocument();
    expect(speech.queryByLabelText('Status ok')).not.toBeInTheDocument();
    const image = within(
      screen
        .getByRole('link', { name: 'Image classifier (ResNet-50)' })
        .closest('tr')!,
    );
    expect(image.getByText('Healthy')).toBeInTheDocument();
  });

  it('shows drift inline in words against the named preset', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    const text = within(
      screen.getByRole('link', { name: 'Text classifier' }).closest('tr')!,
    );
    expect(
      text.getByText(
        'scale-down window 300 s (Kubernetes default), preset realtime-cpu 60 s',
      ),
    ).toBeInTheDocument();
  });

  it('totals the fleet with plurals right', async () => {
    await renderInTestApp(<FleetTable services={fleetResponse.services} />, {
      mountedRoutes,
    });
    const totals = within(screen.getByRole('region', { name: 'Fleet totals' }));
    expect(
      totals.getByRole('group', { name: '5 services' }),
    ).toBeInTheDocument();
    expect(
      totals.getByRole('group', { name: '18 replicas' }),
    ).toBeInTheDocument();
    expect(
      totals.getByRole('group', { name: '12 GPU replicas' }),
    ).toBeInTheDocument();
    expect(
      totals.getByRole('group', { name: '2 services at risk' }),
    ).toBeInTheDocument();
    expect(
      totals.getByRole('group', { name: '1 service failing' }),
    ).toBeInTheDocument();
  });

  it('has an empty state', async () => {
    await renderInTestApp(<FleetTable services={[]} />, { mountedRoutes });
    expect(screen.getByText(/No model services yet/)).toBeInTheDocument();
  });
});
