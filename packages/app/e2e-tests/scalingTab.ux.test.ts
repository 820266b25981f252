import { test, expect, Page } from '@playwright/test';
import {
  expectChartTicksInside,
  expectGroupedNumbers,
} from './scalingTab.checks';
import path from 'node:path';
import { artifacts, screenshot, signIn } from './signIn';
import {
  THEMES,
  expectNoSeriousA11yViolations,
  expectReadable,
  useTheme,
} from './ux';

const SERVICES = [
  'text-classifier',
  'image-classifier',
  'batch-embedder',
  'summarizer',
] as const;

async function openScalingTab(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}/scaling`);
  const tab = page.getByTestId('model-scaling-tab');
  await expect(tab).toBeVisible({ timeout: 60_000 });
  return tab;
}

for (const theme of THEMES) {
  test.describe(`Scaling tab, ${theme} theme`, () => {
    // A page load, the checks and axe over the whole tab take minutes on a busy 2-core machine.
    test.describe.configure({ timeout: 300_000 });
    test.beforeEach(async ({ page }) => {
      await useTheme(page, theme);
      await signIn(page);
    });

    for (const name of SERVICES) {
      test(`${name}: one verdict on top that agrees with the findings; readable; accessible`, async ({
        page,
      }) => {
        const tab = await openScalingTab(page, name);
        const verdict = tab.getByTestId('model-scaling-verdict');
        await expect(verdict).toBeVisible();
        const level = await verdict
          .locator('[data-verdict]')
          .getAttribute('data-verdict');
        const findings = tab.getByRole('region', { name: 'Findings' });
        await expect(findings).toBeVisible();
        // "On the golden path" only with a healthy verdict
        if (level !== 'healthy') {
          await expect(findings.getByText(/On the golden path/)).toHaveCount(0);
        }
        // The verdict sits above every card
        const verdictBox = await verdict.boundingBox();
        const findingsBox = await findings.boundingBox();
        expect(verdictBox!.y).toBeLessThan(findingsBox!.y);
        await expectReadable(page, '[data-testid="model-scaling-tab"]');
        await expectChartTicksInside(page, '[data-testid="model-scaling-tab"]');
        await expectGroupedNumbers(page, '[data-testid="model-scaling-tab"]');
        await screenshot(page, `ux-${theme}-scaling-${name}`);
        await expectNoSeriousA11yViolations(
          page,
          '[data-testid="model-scaling-tab"]',
        );
      });
    }

    test('image-classifier: the batching advice is a finding with its config.pbtxt change; queue delays are named', async ({
      page,
    }) => {
      const tab = await openScalingTab(page, 'image-classifier');
      const delays = tab.getByRole('table', {
        name: 'Queue delays: live, preset and advised',
      });
      await expect(delays.first()).toBeVisible({ timeout: 90_000 });
      await expect(delays.first()).toContainText('Live — in force');
      await expect(delays.first()).toContainText('Golden-path preset');
      await expect(delays.first()).toContainText('Advised for today’s load');
      const saving = tab
        .getByRole('region', { name: 'Findings' })
        .getByRole('article', { name: /Batching could serve today’s/ });
      if (await saving.count()) {
        await expect(saving.first()).toContainText('config.pbtxt set:');
      }
      await screenshot(page, `ux-${theme}-scaling-image-classifier-batching`);
    });

    for (const [name, objects] of [
      [
        'image-classifier',
        ['ScaledObject/image-classifier', 'HorizontalPodAutoscaler/'],
      ],
      ['text-classifier', ['HorizontalPodAutoscaler/text-classifier']],
    ] as const) {
      test(`${name}: the autoscaler's YAML inside the tab, redacted, copyable; readable; accessible`, async ({
        page,
      }) => {
        const tab = await openScalingTab(page, name);
        // One workload per demo service, so one Autoscaler card
        const card = tab;
        const toggle = card.getByRole('button', { name: /^YAML/ });
        await expect(toggle).toHaveAttribute('aria-expanded', 'false');
        await toggle.click();
        await expect(toggle).toHaveAttribute('aria-expanded', 'true');
        for (const object of objects) {
          const figure = card.getByRole('figure', {
            name: new RegExp(`^YAML of ${object}`),
          });
          await expect(figure).toBeVisible();
          const yaml = figure.getByTestId('autoscaler-yaml');
          await expect(yaml).toContainText(`kind: ${object.split('/')[0]}`);
          await expect(yaml).toContainText('spec:');
          await expect(
            figure.getByRole('button', { name: /^Copy the YAML of / }),
          ).toBeVisible();
        }
        const yamls = card.getByTestId('autoscaler-yaml');
        // What the tab never shows: kubectl's bookkeeping and the trigger's server address
        for (const text of [
          'managedFields',
          'last-applied-configuration',
          'serverAddress',
        ]) {
          await expect(yamls.filter({ hasText: text })).toHaveCount(0);
        }
        // In monospace, and it stays inside the card
        const font = await yamls
          .first()
          .evaluate(el => getComputedStyle(el).fontFamily);
        expect(font).toMatch(/mono/i);
        await expectReadable(page, '[data-testid="model-scaling-tab"]');
        await screenshot(page, `ux-${theme}-scaling-${name}-yaml`);
        // The YAML itself, close up
        await page.getByRole('region', { name: /^YAML/ }).screenshot({
          path: path.join(
            artifacts,
            `ux-${theme}-scaling-${name}-yaml-detail.png`,
          ),
        });
        await expectNoSeriousA11yViolations(
          page,
          '[data-testid="model-scaling-tab"]',
        );
      });
    }

    test('text-classifier: a CPU-only service shows no empty GPU table', async ({
      page,
    }) => {
      const tab = await openScalingTab(page, 'text-classifier');
      await expect(tab.getByText('No GPU').first()).toBeVisible();
      await expect(tab.getByRole('table', { name: /GPU nodes/i })).toHaveCount(
        0,
      );
    });
  });
}
