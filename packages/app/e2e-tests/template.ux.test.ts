import { test, expect, Page } from '@playwright/test';
import { screenshot, signIn, templateCard } from './signIn';
import { THEMES, expectNoSeriousA11yViolations, useTheme } from './ux';

async function openTemplate(page: Page) {
  await page.goto('/create');
  await templateCard(page, 'Create new model service')
    .getByRole('button', { name: 'Choose' })
    .click();
  await expect(page.getByRole('textbox', { name: /^Name/ })).toBeVisible({
    timeout: 60_000,
  });
}

async function answerModelPage(page: Page, slo: string) {
  await page.getByRole('textbox', { name: /^Name/ }).fill('vision-ux');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('team-vision');
  await page
    .getByRole('option', { name: /team-vision/ })
    .first()
    .click();
  await page.getByRole('spinbutton', { name: /Model size/ }).fill('20');
  await page.getByRole('checkbox', { name: /Needs a GPU/ }).check();
  await page.getByRole('spinbutton', { name: /Latency SLO/ }).fill(slo);
  await page.getByRole('spinbutton', { name: /Peak requests/ }).fill('400');
}

for (const theme of THEMES) {
  test.describe(`Create new model service form, ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await useTheme(page, theme);
      await signIn(page);
    });

    test('shows the recommended pattern live, checks fields across pages before Create, and Review shows the resolved plan', async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await openTemplate(page);
      const recommendation = page.getByRole('region', {
        name: 'Recommended pattern',
      });
      await expect(recommendation).toContainText('Answer');
      await answerModelPage(page, '50');
      // live, as the user answers
      await expect(recommendation).toContainText(
        'Recommended pattern: realtime-gpu',
      );
      await screenshot(page, `ux-${theme}-template-model`);
      await expectNoSeriousA11yViolations(page, 'form');
      await page.getByRole('button', { name: 'Next' }).click();

      // Scaling page: choose realtime-gpu with contradicting values
      await page.getByRole('button', { name: /Scaling pattern/ }).click();
      await page.getByRole('option', { name: /^realtime-gpu/ }).click();
      await expect(
        page.getByRole('table', { name: 'Resolved plan' }),
      ).toContainText('realtime-gpu');
      await expectNoSeriousA11yViolations(page, 'form');
      await page
        .getByRole('spinbutton', { name: /Minimum replicas/ })
        .fill('5');
      await page
        .getByRole('spinbutton', { name: /Maximum replicas/ })
        .fill('2');
      await page
        .getByRole('spinbutton', { name: /Max queue delay/ })
        .fill('60000');
      const plan = page.getByRole('alert').filter({
        hasText: 'The plan cannot be made from these answers',
      });
      await expect(plan).toContainText('Minimum replicas');
      await expect(plan).toContainText('Max queue delay (µs)');
      await screenshot(page, `ux-${theme}-template-scaling-problems`);
      // Next is refused with the same messages
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(
        page
          .getByText(/Minimum replicas: must not exceed replicas.max/)
          .first(),
      ).toBeVisible();
      await expect(page.getByText('Publish to')).toHaveCount(0);

      // fixed: empty optional fields take the preset
      await page.getByRole('spinbutton', { name: /Minimum replicas/ }).fill('');
      await page.getByRole('spinbutton', { name: /Maximum replicas/ }).fill('');
      await page.getByRole('spinbutton', { name: /Max queue delay/ }).fill('');
      const resolved = page.getByRole('table', { name: 'Resolved plan' });
      await expect(resolved).toContainText('realtime-gpu');
      await expect(resolved).toContainText('queue delay 5,000 µs');
      await screenshot(page, `ux-${theme}-template-scaling-plan`);
      await page.getByRole('button', { name: 'Next' }).click();

      await expect(page.getByText('Publish to').first()).toBeVisible();
      await page.getByRole('button', { name: /Review|Next/ }).click();
      // Review lists the resolved plan
      await expect(page.getByText('Plan: pattern').first()).toBeVisible();
      await expect(page.getByText('Plan: replicas').first()).toBeVisible();
      await expect(page.getByText('Plan: batching').first()).toBeVisible();
      await expect(page.getByText('Plan: GPU').first()).toBeVisible();
      await screenshot(page, `ux-${theme}-template-review`);
    });

    test('with the pattern left on "Recommended", the Scaling page and Review say which pattern auto picks', async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await openTemplate(page);
      await answerModelPage(page, '50');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(
        page.getByRole('button', { name: /Scaling pattern/ }),
      ).toContainText('Recommended for my answers (auto)');
      const resolved = page.getByRole('table', { name: 'Resolved plan' });
      await expect(resolved).toContainText(
        'realtime-gpu (recommended for your answers)',
      );
      await expectNoSeriousA11yViolations(page, 'form');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByText('Publish to').first()).toBeVisible();
      await page.getByRole('button', { name: /Review|Next/ }).click();
      // Review: "auto" never stands alone, the picked pattern is named
      await expect(
        page.getByText('realtime-gpu (recommended for your answers)').first(),
      ).toBeVisible();
      await screenshot(page, `ux-${theme}-template-review-auto`);
    });
  });
}
