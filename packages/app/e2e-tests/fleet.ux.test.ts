import { test, expect } from '@playwright/test';
import { screenshot, signIn } from './signIn';
import {
  THEMES,
  expectNoSeriousA11yViolations,
  expectReadable,
  useTheme,
} from './ux';

const ORDER: Record<string, number> = {
  failing: 0,
  'at-risk': 1,
  'not-deployed': 2,
  healthy: 3,
};

for (const theme of THEMES) {
  test.describe(`Fleet page (GET /v1/fleet), ${theme} theme`, () => {
    test.describe.configure({ timeout: 300_000 });
    test.beforeEach(async ({ page }) => {
      await useTheme(page, theme);
      await signIn(page);
    });

    test('verdict per row worst first, totals, drift in words, backend filters and sorting; readable; accessible with its sortable headers', async ({
      page,
    }) => {
      const pages: string[] = [];
      page.on('request', r => {
        if (r.url().includes('/api/model-scaling/v1/')) pages.push(r.url());
      });
      await page.goto('/model-scaling');
      const totals = page.getByRole('region', { name: 'Fleet totals' });
      await expect(totals).toBeVisible({ timeout: 60_000 });
      await expect(
        totals.getByRole('group', { name: /services?$/ }).first(),
      ).toBeVisible();
      await expect(
        totals.getByRole('group', { name: /GPUs? in use$/ }),
      ).toBeVisible();
      const rows = page
        .locator('tbody tr')
        .filter({ has: page.locator('[data-verdict]') });
      await expect(rows.first()).toBeVisible();
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(4);
      const levels: string[] = [];
      for (let i = 0; i < count; i++) {
        levels.push(
          (await rows
            .nth(i)
            .locator('[data-verdict]')
            .getAttribute('data-verdict'))!,
        );
      }
      const ranks = levels.map(l => ORDER[l]);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      // The page asks for one page, never the whole fleet
      expect(pages.some(u => /\/v1\/fleet\?/.test(u))).toBe(true);
      expect(pages.some(u => /\/v1\/services\b/.test(u))).toBe(false);
      // Drift in words, never raw paths
      await expect(
        page.getByText(/scaledObject\.spec|hpa\.spec\./),
      ).toHaveCount(0);
      await expectReadable(page, 'body');
      await screenshot(page, `fleet-${theme}`);
      // The whole page, sortable headers included: nothing left out.
      await expectNoSeriousA11yViolations(page);

      // Sort by GPUs, most first: the header says so
      await page.getByRole('button', { name: 'GPUs' }).click();
      await page.getByRole('button', { name: 'GPUs' }).click();
      await expect(
        page.getByRole('columnheader', { name: /GPUs/ }),
      ).toHaveAttribute('aria-sort', 'descending');

      // Filter by the first row's verdict: only that level remains
      const first = levels[0];
      const label = {
        failing: 'Failing',
        'at-risk': 'At risk',
        'not-deployed': 'Not deployed',
        healthy: 'Healthy',
      }[first]!;
      await page.getByLabel('Verdict').click();
      await page.getByRole('option', { name: label }).click();
      await page.keyboard.press('Escape');
      await expect(rows).toHaveCount(levels.filter(l => l === first).length);
      await screenshot(page, `fleet-${theme}-filtered`);
    });
  });
}
