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

  test.describe(`Fleet page, ${theme} theme`, () => {
    test.describe.configure({ timeout: 300_000 });
    test.beforeEach(async ({ page }) => {
      await useTheme(page, theme);
      await signIn(page);
    });

    test('verdict per row, totals, drift in words, working filters; readable; accessible', async ({
      page,
    }) => {
      await page.goto('/model-scaling');
      const totals = page.getByRole('region', { name: 'Fleet totals' });
      await expect(totals).toBeVisible({ timeout: 60_000 });
      await expect(
        totals.getByRole('group', { name: /services?$/ }).first(),
      ).toBeVisible();
      const rows = page
        .locator('tbody tr')
        .filter({ has: page.locator('[data-verdict]') });
      await expect(rows.first()).toBeVisible();
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(4);
      // every row has a verdict, worst first
      const order = {
        failing: 0,
        'at-risk': 1,
        'not-deployed': 2,
        healthy: 3,
      } as Record<string, number>;
      const levels: string[] = [];
      for (let i = 0; i < count; i++) {
        levels.push(
          (await rows
            .nth(i)
            .locator('[data-verdict]')
            .getAttribute('data-verdict'))!,
        );
      }
      const ranks = levels.map(l => order[l]);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      // drift in words, never raw paths
      await expect(
        page.getByText(/scaledObject\.spec|hpa\.spec\./),
      ).toHaveCount(0);
      await expectReadable(page, 'body');
      await screenshot(page, `ux-${theme}-fleet`);
      // The sortable column headers are core-components' Table (material-table):
      // its sort label nests a button in a button (nested-interactive), upstream.
      // FLEET_AXE_STRICT=1 checks them too (for the fleet page's own table).
      await expectNoSeriousA11yViolations(
        page,
        undefined,
        process.env.FLEET_AXE_STRICT ? [] : ['.MuiTableSortLabel-root'],
      );

      // filter by verdict: only the chosen level remains
      await page.getByRole('button', { name: 'filter list' }).click();
      await page.getByTestId('select').first().getByRole('button').click();
      const first = levels[0];
      const label = {
        failing: 'Failing',
        'at-risk': 'At risk',
        'not-deployed': 'Not deployed',
        healthy: 'Healthy',
      }[first]!;
      await page.getByRole('option', { name: label }).click();
      await page.keyboard.press('Escape');
      await expect(rows).toHaveCount(levels.filter(l => l === first).length);
      await screenshot(page, `ux-${theme}-fleet-filtered`);
    });
  });
}
