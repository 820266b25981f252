import { expect, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/** Screenshots go to a git-ignored folder at the repository root. */
export const artifacts = path.resolve(__dirname, '../../../e2e-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

/** Opens the portal and signs in as guest when the sign-in page shows. */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  // The first load can take a while (the dev server compiles on demand)
  await expect(enter.or(nav).first()).toBeVisible({ timeout: 120_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await expect(enter).toBeHidden({ timeout: 90_000 });
  }
}

/** Saves a full-page screenshot under e2e-artifacts/. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(artifacts, `${name}.png`),
    fullPage: true,
  });
}

/**
 * The card of the template titled `title` on /create: the innermost element holding its heading
 * and a "Choose" button (the template list holds every card, and another template's description
 * may name this one).
 */
export const templateCard = (page: Page, title: string) =>
  page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
