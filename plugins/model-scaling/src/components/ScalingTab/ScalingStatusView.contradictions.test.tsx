import { renderInTestApp } from '@backstage/test-utils';
import { EntityScalingStatus } from '@internal/plugin-model-scaling-common';
import { screen, within } from '@testing-library/react';
import {
  imageClassifierStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { ScalingStatusView } from './ScalingStatusView';

/** text-classifier at 20 of 20 replicas with CPU above target, and no finding from the rules. */
const atMax: EntityScalingStatus = (() => {
  const w = textClassifierStatus.workloads[0];
  const hpa = w.autoscaler.hpa!;
  return {
    ...textClassifierStatus,
    findings: [],
    workloads: [
      {
        ...w,
        findings: [],
        replicas: {
          spec: 20,
          current: 20,
          ready: 20,
          available: 20,
          updated: 20,
        },
        autoscaler: {
          ...w.autoscaler,
          hpa: {
            ...hpa,
            currentReplicas: 20,
            desiredReplicas: 20,
            metrics: hpa.metrics.map(m =>
              m.name === 'cpu' ? { ...m, current: 96 } : m,
            ),
          },
        },
      },
    ],
  };
})();

describe('ScalingStatusView tells one story', () => {
  it('never says "On the golden path" for a service at its maximum replicas with demand above target', async () => {
    await renderInTestApp(
      <ScalingStatusView status={atMax} intervalMs={15000} />,
    );
    const verdict = screen.getByTestId('model-scaling-verdict');
    expect(verdict).toHaveTextContent('Failing');
    expect(verdict).toHaveTextContent(
      'At max replicas (20 of 20) while demand is above target',
    );
    expect(verdict).toHaveTextContent('cpu 96 % (target 70 %)');
    expect(screen.queryByText(/On the golden path/)).not.toBeInTheDocument();
    const findings = screen.getByRole('region', { name: 'Findings' });
    expect(findings).toHaveTextContent(/the service is failing/);
  });

  it('puts the batching advisor’s saving in the findings with its config.pbtxt change, without a click', async () => {
    await renderInTestApp(
      <ScalingStatusView status={imageClassifierStatus} intervalMs={15000} />,
    );
    const findings = screen.getByRole('region', { name: 'Findings' });
    const saving = await within(findings).findByRole(
      'article',
      {
        name: /Batching could serve today’s 371 req\/s on \d GPU replicas? instead of 4 \(resnet50\)/,
      },
      { timeout: 20000 },
    );
    expect(saving).toHaveTextContent(
      /In model_repository\/resnet50\/config\.pbtxt set:\s*dynamic_batching \{/,
    );
    expect(saving).toHaveTextContent(/max_queue_delay_microseconds: \d+/);
  }, 30000);

  it('names the live, preset and advised queue delays', async () => {
    await renderInTestApp(
      <ScalingStatusView status={imageClassifierStatus} intervalMs={15000} />,
    );
    const table = await screen.findByRole('table', {
      name: 'Queue delays: live, preset and advised',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Live — in force5,000 µs');
    expect(rows[2]).toHaveTextContent('Golden-path preset5,000 µs');
    expect(rows[3]).toHaveTextContent('Advised for today’s load');
    await within(table).findByText(
      /fewest-GPU setting within the SLO/,
      undefined,
      {
        timeout: 20000,
      },
    );
  }, 30000);

  it('says "not deployed" at the top when no workload matches', async () => {
    await renderInTestApp(
      <ScalingStatusView
        status={{ ...textClassifierStatus, workloads: [], findings: [] }}
        intervalMs={15000}
      />,
    );
    expect(screen.getByTestId('model-scaling-verdict')).toHaveTextContent(
      'Not deployed',
    );
  });
});
