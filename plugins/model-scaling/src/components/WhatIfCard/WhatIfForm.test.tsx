import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WhatIfForm } from './WhatIfForm';
import {
  WhatIfModel,
  WhatIfSettings,
} from '@internal/plugin-model-scaling-common';

const settings: WhatIfSettings = {
  shape: 'diurnal',
  peakRps: 400,
  minReplicas: 2,
  maxReplicas: 20,
  target: 70,
  scaleDownWindowSeconds: 300,
  podCapacityRps: 100,
  serviceTimeMs: 20,
  coldStartSeconds: 10,
};
const model: WhatIfModel = {
  kind: 'cpu',
  autoscaler: 'hpa',
  primaryIndex: 0,
  targetLabel: 'CPU target (%)',
  liveLoadRps: 405,
};

describe('WhatIfForm', () => {
  it('shows the settings with the live load as a hint', async () => {
    await renderInTestApp(
      <WhatIfForm
        settings={settings}
        model={model}
        errors={{}}
        onChange={jest.fn()}
      />,
    );
    expect(screen.getByLabelText('Peak load (req/s)')).toHaveValue(400);
    expect(screen.getByText('live: 405 req/s')).toBeInTheDocument();
    expect(screen.getByLabelText('CPU target (%)')).toHaveValue(70);
    expect(
      screen.getByLabelText('Pod capacity at 100 % CPU (req/s)'),
    ).toHaveValue(100);
    expect(screen.getByLabelText('Scale-down window (s)')).toHaveValue(300);
  });

  it('reports a changed number', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <WhatIfForm
        settings={settings}
        model={model}
        errors={{}}
        onChange={onChange}
      />,
    );
    fireEvent.change(screen.getByLabelText('Max replicas'), {
      target: { value: '30' },
    });
    expect(onChange).toHaveBeenLastCalledWith({ ...settings, maxReplicas: 30 });
    fireEvent.change(screen.getByLabelText('Min replicas'), {
      target: { value: '' },
    });
    expect(
      onChange.mock.calls[onChange.mock.calls.length - 1][0].minReplicas,
    ).toBeNaN();
  });

  it('reports a changed load shape', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <WhatIfForm
        settings={settings}
        model={model}
        errors={{}}
        onChange={onChange}
      />,
    );
    await userEvent.click(screen.getByLabelText('Load shape'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Bursty'),
    );
    expect(onChange).toHaveBeenLastCalledWith({ ...settings, shape: 'bursty' });
  });

  it('shows field errors and queue wording', async () => {
    await renderInTestApp(
      <WhatIfForm
        settings={settings}
        model={{
          ...model,
          kind: 'queue',
          targetLabel: 'kafka backlog per pod',
          liveLoadRps: undefined,
        }}
        errors={{ maxReplicas: 'must not be below min replicas' }}
        onChange={jest.fn()}
      />,
    );
    expect(
      screen.getByText('must not be below min replicas'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Peak load (msg/s)')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Consume rate per pod (msg/s)'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('kafka backlog per pod')).toBeInTheDocument();
  });
});
