import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { screenshot, signIn } from './signIn';
import { useTheme } from './ux';

/**
 * From a finding to a committed fix, in the demo: a GPU model service is
 * created with "Create new model service" (published to a local git
 * repository, applied to the demo cluster), its Scaling tab's batching
 * advice (on the live Triton statistics) offers "Propose this fix", the
 * dialog shows the diff of a dry run, "Propose" commits the change to a new
 * branch of the service's repository (checked here with git), and the tab
 * links to the proposed change afterwards.
 */

/** `modelScaling.scaffolder.localPublish.baseDir` of app-config.yaml, from the repository root. */
const publishDir = path.resolve(__dirname, '../../../.demo-publish');

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}

/** Opens a path; signs in again as guest when the portal asks (a fresh dev server may). */
async function open(page: Page, url: string) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(enter.or(nav).first()).toBeVisible({ timeout: 120_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await expect(enter).toBeHidden({ timeout: 90_000 });
  }
}

async function createGpuService(page: Page, name: string) {
  await open(page, '/create');
  await page
    .getByRole('article')
    .filter({ hasText: 'Create new model service' })
    .getByRole('button', { name: 'Choose' })
    .click();

  // Model: a ResNet-50 on GPU with a tight SLO
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('team-vision');
  await page
    .getByRole('option', { name: /team-vision/ })
    .first()
    .click();
  await page
    .getByRole('textbox', { name: /^Description/ })
    .fill('ResNet-50 on GPU, created by the fixes end-to-end test');
  await page.getByRole('spinbutton', { name: /Model size/ }).fill('0.1');
  await page.getByRole('checkbox', { name: /Needs a GPU/ }).check();
  await page
    .getByRole('textbox', { name: /Triton model name/ })
    .fill('resnet50');
  await page.getByRole('spinbutton', { name: /Latency SLO/ }).fill('20');
  await page.getByRole('spinbutton', { name: /Peak requests/ }).fill('400');
  await page.getByRole('button', { name: 'Next' }).click();

  // Scaling: the recommended pattern
  await expect(page.getByText('Scaling pattern').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Delivery: a local repository, applied to the demo cluster's sandbox
  await expect(page.getByText('Publish to').first()).toBeVisible();
  const namespace = page.getByRole('textbox', { name: /Kubernetes namespace/ });
  await namespace.fill('ml-sandbox');
  await page
    .getByRole('checkbox', { name: /Apply the manifests to a cluster now/ })
    .check();
  await page
    .getByRole('checkbox', { name: /Server-side dry run only/ })
    .uncheck();
  await page.getByRole('button', { name: /Review|Next/ }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByRole('link', { name: /Open in catalog/i }),
  ).toBeVisible({ timeout: 180_000 });
}

async function openAdvice(page: Page, name: string) {
  await open(page, `/catalog/default/component/${name}/scaling`);
  await expect(page.getByTestId('model-scaling-tab')).toBeVisible({
    timeout: 120_000,
  });
  const advice = page.getByRole('region', {
    name: 'Batching advice for resnet50',
  });
  // The pods start and Triton is sampled twice before there is a rate to advise on
  await expect(advice).toBeVisible({ timeout: 240_000 });
  return advice;
}

test('a finding becomes a commit on a branch of the service repository, and the Scaling tab links to it', async ({
  page,
  browser,
}) => {
  test.setTimeout(900_000);
  await signIn(page);
  const name = `fix-e2e-${Date.now().toString(36)}`;
  await createGpuService(page, name);
  const repo = path.join(publishDir, name);
  const mainBefore = git(repo, 'rev-parse', 'HEAD').trim();

  let advice = await openAdvice(page, name);
  const propose = advice.getByRole('button', { name: 'Propose this fix' });
  await expect(propose).toBeEnabled({ timeout: 240_000 });
  await propose.click();

  // The diff of a dry run, before anything is sent
  const dialog = page.getByRole('dialog');
  const diff = dialog.getByTestId('fix-diff');
  await expect(diff).toBeVisible({ timeout: 120_000 });
  await expect(diff).toContainText('config.pbtxt');
  await expect(diff).toContainText('max_queue_delay_microseconds');
  expect(git(repo, 'branch', '--list').trim()).not.toContain(
    'model-scaling/fix-',
  );
  await screenshot(page, 'fixes-light-diff');

  await dialog.getByRole('button', { name: 'Propose' }).click();
  const proposed = dialog.getByTestId('fix-proposed');
  await expect(proposed).toBeVisible({ timeout: 120_000 });
  const text = (await proposed.textContent()) ?? '';
  const branch = /branch (\S+),/.exec(text)?.[1];
  expect(branch, `branch in "${text}"`).toMatch(/^model-scaling\/fix-/);
  await screenshot(page, 'fixes-light-proposed');

  // The commit is on the new branch of the local repository; main is untouched
  const log = git(repo, 'log', '-1', '--name-only', '--format=%H%n%s', branch!);
  expect(log).toMatch(/config\.pbtxt/);
  expect(log).toContain('.model-scaling/plan.json');
  expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(mainBefore);
  const commit = log.split('\n')[0];
  expect(text).toContain(commit.slice(0, 7));
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The tab links to the proposed change, also after a reload (read from the scaffolder's tasks)
  advice = await openAdvice(page, name);
  const link = advice.getByTestId('fix-proposed-for-finding');
  await expect(link).toContainText(`branch ${branch}`, { timeout: 120_000 });
  await expect(link).toContainText(commit.slice(0, 7));
  await link.scrollIntoViewIfNeeded();
  await screenshot(page, 'fixes-light-tab-links-change');

  // The same in the dark theme: the link, and the dialog's diff
  const dark = await browser.newPage();
  await useTheme(dark, 'dark');
  await signIn(dark);
  const darkAdvice = await openAdvice(dark, name);
  await expect(
    darkAdvice.getByTestId('fix-proposed-for-finding'),
  ).toContainText(`branch ${branch}`, { timeout: 120_000 });
  await screenshot(dark, 'fixes-dark-tab-links-change');
  await darkAdvice.getByRole('button', { name: 'Propose this fix' }).click();
  await expect(
    dark
      .getByRole('dialog')
      .getByTestId('fix-diff')
      .or(dark.getByRole('dialog').getByText(/already holds these values/)),
  ).toBeVisible({ timeout: 120_000 });
  await screenshot(dark, 'fixes-dark-dialog');
  await dark.close();
});
