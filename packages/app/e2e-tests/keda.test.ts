/*
 * The Scaling tab against the real KEDA operator on the real control plane: run with the portal
 * started by `yarn start:cluster` (test/cluster/portal.sh) and MODEL_SCALING_E2E_CLUSTER=1;
 * skipped otherwise (the other e2e tests run against the embedded demo cluster).
 *
 * Setup: the image-classifier example's ScaledObject is pointed at the cluster's local
 * Prometheus (start-prometheus.sh), whose exporter serves the Triton request counter it queries;
 * the real KEDA operator then marks it Ready and Active, the HPA it created reads the external
 * metric through the aggregation layer, and the tab shows all of it.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { screenshot, signIn } from './signIn';

const enabled = !!process.env.MODEL_SCALING_E2E_CLUSTER;
const clusterName = process.env.MODEL_SCALING_CLUSTER_NAME ?? 'model-scaling';

function clusterEnv(): Record<string, string> {
  const cache =
    process.env.MODEL_SCALING_CLUSTER_CACHE ??
    join(homedir(), '.cache/model-scaling/cluster');
  const text = readFileSync(
    join(cache, 'state', clusterName, 'cluster.env'),
    'utf8',
  );
  return Object.fromEntries(
    text
      .split('\n')
      .map(line => /^([A-Z_]+)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m)
      .map(m => [m[1], m[2]]),
  );
}

function kubectl(env: Record<string, string>, args: string[]): string {
  return execFileSync(
    env.KUBECTL,
    ['--kubeconfig', env.KUBECONFIG_ADMIN, ...args],
    { encoding: 'utf8' },
  );
}

test.describe('Scaling tab on real KEDA', () => {
  test.skip(
    !enabled,
    'needs yarn start:cluster and MODEL_SCALING_E2E_CLUSTER=1',
  );

  test.beforeAll(async () => {
    const env = clusterEnv();
    const so = JSON.parse(
      kubectl(env, [
        '-n',
        'ml-serving',
        'get',
        'scaledobject',
        'image-classifier',
        '-o',
        'json',
      ]),
    );
    const triggers = so.spec.triggers.map((t: any) =>
      t.type === 'prometheus'
        ? {
            ...t,
            metadata: { ...t.metadata, serverAddress: env.PROMETHEUS_URL },
          }
        : t,
    );
    kubectl(env, [
      '-n',
      'ml-serving',
      'patch',
      'scaledobject',
      'image-classifier',
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { triggers, pollingInterval: 5 } }),
    ]);
    const res = await fetch(`${env.EXPORTER_URL}/series`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'nv_inference_request_success',
        labels: { namespace: 'ml-serving', model: 'resnet50' },
        type: 'counter',
        rate: 420,
      }),
    });
    expect(res.ok).toBe(true);
    // The HPA that KEDA made reads the external metric through the aggregation layer.
    await expect
      .poll(
        () =>
          JSON.parse(
            kubectl(env, [
              '-n',
              'ml-serving',
              'get',
              'hpa',
              'keda-hpa-image-classifier',
              '-o',
              'json',
            ]),
          ).status?.currentMetrics?.[0]?.external?.current?.averageValue ?? '',
        { timeout: 120_000, intervals: [2000] },
      )
      .not.toBe('');
  });

  test('image-classifier: Ready and Active ScaledObject, its trigger, the HPA KEDA made and its external metric', async ({
    page,
  }) => {
    await signIn(page);
    await page.goto('/catalog/default/component/image-classifier/scaling');
    const tab = page.getByTestId('model-scaling-tab');
    const section = tab.getByRole('region', {
      name: new RegExp(
        `Deployment ml-serving/image-classifier in cluster ${clusterName}`,
      ),
    });
    await expect(section).toBeVisible({ timeout: 120_000 });
    await expect(
      section.getByText(/KEDA ScaledObject image-classifier/),
    ).toBeVisible();
    await expect(section.getByText('Active', { exact: true })).toBeVisible({
      timeout: 90_000,
    });
    await expect(
      section.getByRole('table', { name: 'KEDA triggers' }),
    ).toContainText('prometheus');
    await expect(
      section.getByText(/HPA keda-hpa-image-classifier created by KEDA/),
    ).toBeVisible();
    const metrics = section.getByRole('table', { name: 'Autoscaler metrics' });
    await expect(metrics).toContainText('s0-prometheus', { timeout: 90_000 });
    await screenshot(page, 'scaling-real-keda-image-classifier');
  });
});
