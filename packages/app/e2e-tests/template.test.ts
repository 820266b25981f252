import { test, expect } from '@playwright/test';
import { screenshot, signIn, templateCard } from './signIn';

test.beforeEach(async ({ page }) => signIn(page));

test('Create new model service: a GPU service is planned, published and registered', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `vision-e2e-${Date.now().toString(36)}`;

  await page.goto('/create');
  await templateCard(page, 'Create new model service')
    .getByRole('button', { name: 'Choose' })
    .click();

  // Page "Model"
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('');
  await owner.fill('team-vision');
  await page
    .getByRole('option', { name: /team-vision/ })
    .first()
    .click();
  await page
    .getByRole('textbox', { name: /^Description/ })
    .fill('Object detector on GPU, created by the end-to-end test');
  await page.getByRole('spinbutton', { name: /Model size/ }).fill('2');
  await page.getByRole('checkbox', { name: /Needs a GPU/ }).check();
  await page.getByRole('spinbutton', { name: /Latency SLO/ }).fill('50');
  await page.getByRole('spinbutton', { name: /Peak requests/ }).fill('800');
  await screenshot(page, 'template-model-page');
  await page.getByRole('button', { name: 'Next' }).click();

  // Page "Scaling": keep the recommended pattern
  await expect(page.getByText('Scaling pattern').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Page "Delivery": publish locally (the demo), no cluster apply
  await expect(page.getByText('Publish to').first()).toBeVisible();
  await page.getByRole('button', { name: /Review|Next/ }).click();
  await screenshot(page, 'template-review');
  await page.getByRole('button', { name: 'Create' }).click();

  // The task runs; its output links to the new entity
  const open = page.getByRole('link', { name: /Open in catalog/i });
  await expect(open).toBeVisible({ timeout: 180_000 });
  await screenshot(page, 'template-task-done');
  await open.click();
  await expect(
    page.getByRole('heading', { name: new RegExp(name) }).first(),
  ).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'template-new-entity');

  // and it is in the catalog as a model service
  await page.goto(`/?filters[kind]=component&filters[type]=model-service`);
  await expect(page.getByRole('link', { name }).first()).toBeVisible({
    timeout: 60_000,
  });
});
