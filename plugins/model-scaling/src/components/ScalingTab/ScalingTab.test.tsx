import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityScalingStatus } from '@internal/plugin-model-scaling-common';
import { screen, waitFor, within } from '@testing-library/react';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { mockModelScalingApi } from '../../__fixtures__/modelScalingApi';
import {
  batchEmbedderStatus,
  imageClassifierStatus,
  modelServiceEntity,
  summarizerStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { ScalingTab } from './ScalingTab';

function mockApi(
  getEntityStatus: ModelScalingApi['getEntityStatus'],
): ModelScalingApi {
  return mockModelScalingApi({ getEntityStatus: jest.fn(getEntityStatus) });
}

async function renderTab(
  api: ModelScalingApi,
  name = 'text-classifier',
  pollIntervalMs?: number,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[modelScalingApiRef, api]]}>
      <EntityProvider entity={modelServiceEntity(name)}>
        <ScalingTab pollIntervalMs={pollIntervalMs} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('ScalingTab', () => {
  it('shows progress while loading, asking for this entity', async () => {
    const api = mockApi(() => new Promise<EntityScalingStatus>(() => {}));
    await renderTab(api, 'image-classifier');
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityStatus).toHaveBeenCalledWith(
      'component:default/image-classifier',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('shows a response error from the backend', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Missing permission model-scaling.entity.read',
        },
        request: {
          method: 'GET',
          url: '/v1/entities/default/component/text-classifier/status',
        },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    await renderTab(mockApi(() => Promise.reject(error)));
    expect(
      (
        await screen.findAllByText(
          /Missing permission model-scaling.entity.read/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });

  it('shows an empty state when no workload matches, naming the annotation', async () => {
    await renderTab(
      mockApi(async () => ({
        ...textClassifierStatus,
        workloads: [],
        findings: [],
      })),
    );
    expect(await screen.findByText('No workloads found')).toBeInTheDocument();
    expect(
      screen.getByText(
        /backstage.io\/kubernetes-id=text-classifier in namespace ml-serving/,
      ),
    ).toBeInTheDocument();
  });

  it('renders the cards of text-classifier (HPA on CPU, no GPU)', async () => {
    await renderTab(mockApi(async () => textClassifierStatus));
    const section = await screen.findByRole('region', {
      name: 'Deployment ml-serving/text-classifier in cluster demo',
    });
    expect(within(section).getByText('Autoscaler')).toBeInTheDocument();
    expect(within(section).getByText('No GPU')).toBeInTheDocument();
    expect(
      within(section).queryByText('Triton dynamic batching'),
    ).not.toBeInTheDocument();
    expect(within(section).getByText('What if')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Findings' })).getByText(
        'Scale-down waits the default 300 s',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Pattern realtime-cpu')).toBeInTheDocument();
    expect(
      screen.getByText(/refreshes every 15 s while this tab is visible/),
    ).toBeInTheDocument();
  });

  it('charts the history from the history route on its workload', async () => {
    const w = textClassifierStatus.workloads[0];
    const getEntityHistory = jest.fn(async () => ({
      entityRef: 'component:default/text-classifier',
      generatedAt: '2026-12-04T10:00:00.000Z',
      windowStart: '2026-12-04T09:00:00.000Z',
      workloads: [
        {
          cluster: w.cluster,
          namespace: w.namespace,
          name: w.name,
          history: {
            stepSeconds: 15,
            replicas: [{ t: '2026-12-04T09:59:45.000Z', current: 2, ready: 2 }],
            metrics: [
              {
                name: 'cpu',
                unit: '%',
                target: 60,
                points: [{ t: '2026-12-04T09:59:45.000Z', v: 75 }],
              },
            ],
            triton: [],
          },
        },
      ],
    }));
    await renderTab(
      mockModelScalingApi({
        getEntityStatus: jest.fn(async () => textClassifierStatus),
        getEntityHistory,
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Metric cpu against its target (%)',
      }),
    ).toBeInTheDocument();
    expect(getEntityHistory).toHaveBeenCalledWith(
      'component:default/text-classifier',
      {},
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });

  it('renders image-classifier on the golden path with Triton', async () => {
    await renderTab(
      mockApi(async () => imageClassifierStatus),
      'image-classifier',
    );
    const verdict = await screen.findByTestId('model-scaling-verdict');
    expect(verdict).toHaveTextContent(
      'HealthyOn the golden path: no scaling problem found',
    );
    expect(screen.getByText('Triton dynamic batching')).toBeInTheDocument();
    expect(screen.getByText('Exclusive GPU')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Batching advice for resnet50' }),
    ).toBeInTheDocument();
  });

  it('renders batch-embedder with its error finding first', async () => {
    await renderTab(
      mockApi(async () => batchEmbedderStatus),
      'batch-embedder',
    );
    const articles = await screen.findAllByRole('article');
    expect(articles[0]).toHaveAttribute(
      'aria-label',
      'KEDA fallback is active: the Kafka trigger is failing',
    );
    expect(screen.getByText('Time-slicing ×4')).toBeInTheDocument();
  });

  it('marks a stale cluster on the panel and on its workload', async () => {
    const stale: EntityScalingStatus = {
      ...summarizerStatus,
      clusterErrors: [
        {
          cluster: 'demo',
          message: 'watch of Pods failed: connect ECONNREFUSED 127.0.0.1:7480',
          stale: true,
          staleSince: '2026-11-28T11:41:00.000Z',
        },
      ],
    };
    await renderTab(
      mockApi(async () => stale),
      'summarizer',
    );
    expect(
      await screen.findByText(/Cluster demo: showing cached data/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('stale: cluster last in sync 19 min ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('MIG 1g.18gb')).toBeInTheDocument();
  });

  it('shows an unreachable cluster next to the data of the others', async () => {
    const partial: EntityScalingStatus = {
      ...imageClassifierStatus,
      clusterErrors: [
        { cluster: 'gpu-west', message: 'Unauthorized', stale: false },
      ],
    };
    await renderTab(
      mockApi(async () => partial),
      'image-classifier',
    );
    expect(
      await screen.findByText(/Cluster gpu-west: could not be read/),
    ).toBeInTheDocument();
    expect(screen.getByText('Exclusive GPU')).toBeInTheDocument();
  });

  it('keeps the last data and says so when a refresh fails', async () => {
    let calls = 0;
    const api = mockApi(async () => {
      calls += 1;
      if (calls === 1) {
        return textClassifierStatus;
      }
      throw new Error('backend restarting');
    });
    await renderTab(api, 'text-classifier', 1000);
    expect(await screen.findByText('Autoscaler')).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not refresh; showing data from 12:00 UTC/),
    ).toBeInTheDocument();
    expect(screen.getByText('Autoscaler')).toBeInTheDocument();
    await waitFor(() => expect(calls).toBeGreaterThanOrEqual(2));
  });
});
