import { test, expect, Page } from '@playwright/test';
import path from 'node:path';
import { artifacts, screenshot, signIn } from './signIn';
import { THEMES, useTheme } from './ux';

/** The card titled `title` (Backstage InfoCard). */
function card(page: Page, title: string) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) })
    .first();
}

for (const theme of THEMES) {
  test.describe(`GPU economics, ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await useTheme(page, theme);
      await signIn(page);
    });

    test('the cost card replays 7 days of image-classifier in the browser', async ({
      page,
    }) => {
      await page.goto('/catalog/default/component/image-classifier/scaling');
      const cost = card(page, 'GPU cost');
      await expect(cost).toBeVisible({ timeout: 90_000 });
      await expect(cost.getByText('Last 7 days')).toBeVisible({
        timeout: 90_000,
      });
      await expect(cost.getByText('Last 24 hours')).toBeVisible();
      // A dollar figure for each window, never a made-up one: prices are set in the demo config.
      await expect(cost.getByText(/^\$[\d,.]+$/)).toHaveCount(2);
      await expect(
        cost.getByRole('img', { name: /GPU-hours used against needed/ }),
      ).toBeVisible();
      await cost.scrollIntoViewIfNeeded();
      await cost.screenshot({
        path: path.join(artifacts, `cost-${theme}-cost-card.png`),
      });
      await screenshot(page, `cost-${theme}-scaling-image-classifier`);

      // The 7-day replay as the browser measured it (performance.measure in the card).
      const measures = await page.evaluate(() =>
        performance
          .getEntriesByName('model-scaling:replay-week')
          .map(e => e.duration),
      );
      const caption = await cost.getByTestId('cost-replay-ms').textContent();
      expect(measures.length).toBeGreaterThan(0);
      // eslint-disable-next-line no-console
      console.log(
        `[${theme}] 7-day replay of image-classifier in Chromium: ${measures
          .map(d => `${d.toFixed(0)} ms`)
          .join(', ')} (performance.measure); card: ${caption}`,
      );
    });

    test('the fleet page shows the fleet GPU cost totals and top savings', async ({
      page,
    }) => {
      await page.goto('/model-scaling');
      const fleet = card(page, 'GPU cost of the fleet');
      await expect(fleet).toBeVisible({ timeout: 120_000 });
      await expect(
        fleet.getByRole('group', { name: 'GPU-hours (24 h)' }),
      ).toBeVisible();
      await expect(
        fleet.getByRole('group', { name: 'Idle share' }),
      ).toBeVisible();
      await expect(
        fleet.getByRole('group', { name: 'Cost (24 h)' }).getByText(/^\$/),
      ).toBeVisible();
      await expect(
        fleet.getByRole('button', { name: 'Export CSV' }),
      ).toBeVisible();
      await fleet.scrollIntoViewIfNeeded();
      await fleet.screenshot({
        path: path.join(artifacts, `cost-${theme}-fleet-totals.png`),
      });
      const download = page.waitForEvent('download');
      await fleet.getByRole('button', { name: 'Export CSV' }).click();
      const csv = await download;
      expect(csv.suggestedFilename()).toMatch(
        /^model-services-gpu-costs-\d{4}-\d\d-\d\d\.csv$/,
      );
    });
  });
}
