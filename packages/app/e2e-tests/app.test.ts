import { test, expect } from '@playwright/test';
import { screenshot, signIn } from './signIn';

const modelServices = [
  /text classifier/i,
  /image classifier/i,
  /batch embedder/i,
  /summarizer/i,
];

test.beforeEach(async ({ page }) => signIn(page));

test('the catalog lists the four model services and opens one', async ({
  page,
}) => {
  await page.goto('/?filters[kind]=component&filters[type]=model-service');
  for (const name of modelServices) {
    await expect(page.getByRole('link', { name }).first()).toBeVisible();
  }
  await screenshot(page, 'catalog-model-services');

  await page
    .getByRole('link', { name: /image classifier/i })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: /image classifier/i }).first(),
  ).toBeVisible();
  await expect(page.getByText('ResNet-50 on Triton').first()).toBeVisible();
  await screenshot(page, 'entity-image-classifier');
});
