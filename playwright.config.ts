import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * End-to-end tests against the running portal (`yarn start`), in Debian's
 * Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH): Playwright never
 * downloads a browser here.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  use: {
    actionTimeout: 30_000,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
  // Every package with an e2e-tests folder is a project, run in Debian's Chromium
  projects: generateProjects().map(project => ({
    ...project,
    use: {
      browserName: 'chromium' as const,
      launchOptions: {
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
  })),
});
