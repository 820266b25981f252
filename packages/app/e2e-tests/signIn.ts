import { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/** Screenshots go to a git-ignored folder at the repository root. */
export const artifacts = path.resolve(__dirname, '../../../e2e-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

/** Opens the portal and signs in as guest when the sign-in page shows. */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  if (await enter.isVisible({ timeout: 15_000 }).catch(() => false)) {
    await enter.click();
  }
}

/** Saves a full-page screenshot under e2e-artifacts/. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
  });
}
