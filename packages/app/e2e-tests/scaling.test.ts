import { test, expect, Page } from '@playwright/test';
import { screenshot, signIn } from './signIn';

test.beforeEach(async ({ page }) => signIn(page));

async function openScalingTab(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}/scaling`);
  const tab = page.getByTestId('model-scaling-tab');
  await expect(tab).toBeVisible();
  await expect(
    tab.getByRole('region', {
      name: new RegExp(`Deployment ml-(serving|batch)/${name} in cluster demo`),
    }),
  ).toBeVisible();
  return tab;
}

test('text-classifier: HPA on CPU, no GPU', async ({ page }) => {
  const tab = await openScalingTab(page, 'text-classifier');
  await expect(
    tab.getByText('HorizontalPodAutoscaler text-classifier (autoscaling/v2)'),
  ).toBeVisible();
  await expect(tab.getByText('No GPU').first()).toBeVisible();
  await expect(tab.getByText('Findings').first()).toBeVisible();
  await screenshot(page, 'scaling-text-classifier');
});

test('image-classifier: KEDA, exclusive GPU, Triton batching figures', async ({
  page,
}) => {
  const tab = await openScalingTab(page, 'image-classifier');
  await expect(
    tab.getByText(/KEDA ScaledObject image-classifier/),
  ).toBeVisible();
  await expect(tab.getByText('Exclusive GPU').first()).toBeVisible();
  // Triton figures need two samples; the tab polls, so wait for them
  const model = tab.getByRole('region', { name: 'Triton model resnet50' });
  await expect(model).toBeVisible({ timeout: 90_000 });
  await expect(model.getByText(/req\/s/).first()).toBeVisible();
  await expect(
    model.getByRole('table', { name: 'Batching of resnet50' }),
  ).toBeVisible();
  // History has a route of its own: the window once, then only the points
  // after the newest one the tab holds.
  await expect(
    tab.getByRole('heading', { name: 'Replicas: desired, current and ready' }),
  ).toBeVisible();
  await page.waitForRequest(
    r =>
      /\/v1\/entities\/default\/component\/image-classifier\/history\?after=/.test(
        r.url(),
      ),
    { timeout: 60_000 },
  );
  await screenshot(page, 'scaling-image-classifier');
});

test('batch-embedder: KEDA kafka trigger on time-sliced spot GPUs', async ({
  page,
}) => {
  const tab = await openScalingTab(page, 'batch-embedder');
  await expect(tab.getByText(/KEDA ScaledObject batch-embedder/)).toBeVisible();
  await expect(tab.getByText('Time-slicing ×4').first()).toBeVisible();
  await expect(tab.getByText(/kafka/).first()).toBeVisible();
  await screenshot(page, 'scaling-batch-embedder');
});

test('summarizer: scale to zero on MIG, with a finding and its fix', async ({
  page,
}) => {
  const tab = await openScalingTab(page, 'summarizer');
  await expect(tab.getByText(/KEDA ScaledObject summarizer/)).toBeVisible();
  await expect(tab.getByText('MIG 1g.18gb').first()).toBeVisible();
  await expect(tab.getByText('rule default-scale-down-window')).toBeVisible({
    timeout: 60_000,
  });
  await expect(tab.getByText('Fix:').first()).toBeVisible();
  await screenshot(page, 'scaling-summarizer');
});

test('the fleet page lists all model services', async ({ page }) => {
  await page.goto('/model-scaling');
  for (const name of [
    /text classifier/i,
    /image classifier/i,
    /batch embedder/i,
    /summarizer/i,
  ]) {
    await expect(page.getByRole('link', { name }).first()).toBeVisible();
  }
  await screenshot(page, 'fleet');
});
