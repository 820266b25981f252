import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/** Screenshots go to a git-ignored folder at the repository root. */
const artifacts = path.resolve(__dirname, '../../../e2e-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const modelServices = [
  'text-classifier',
  'image-classifier',
  'batch-embedder',
  'summarizer',
];

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
});

test('the catalog lists the four model services and opens one', async ({
  page,
}) => {
  await page.goto('/?filters[kind]=component&filters[type]=model-service');
  for (const name of modelServices) {
    await expect(
      page
        .getByRole('link', { name: new RegExp(name.replace('-', '.'), 'i') })
        .first(),
    ).toBeVisible();
  }
  await page.screenshot({
    path: path.join(artifacts, 'catalog-model-services.png'),
    fullPage: true,
  });

  await page
    .getByRole('link', { name: /image classifier/i })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: /image classifier/i }).first(),
  ).toBeVisible();
  await expect(page.getByText('ResNet-50 on Triton').first()).toBeVisible();
  await page.screenshot({
    path: path.join(artifacts, 'entity-image-classifier.png'),
    fullPage: true,
  });
});
