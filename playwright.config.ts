import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the Jira-like sandbox shell in Debian's Chromium.
 *
 * By default Playwright starts two fresh sandboxes from the built app (what `npm start` runs after building):
 * the demo service provider on port 8799 (or E2E_PORT) and a plain Jira site for the setup wizard (`--seed plain`) on
 * the port below it, which tests reach through `E2E_PLAIN_BASE_URL`. Set E2E_BASE_URL and E2E_PLAIN_BASE_URL to run against
 * sandboxes that are already running instead.
 */
// E2E_PORT lets two checkouts run their browser tests side by side (the plain site takes the port below it).
const PORT = Number(process.env.E2E_PORT ?? 8799);
const PLAIN_PORT = PORT - 1;
const external = process.env.E2E_BASE_URL;
// Fresh data directories per run. Workers re-evaluate this file; the env vars make them reuse the directories
// the runner created instead of making their own.
const dataDir = external ? '' : (process.env.SANDBOX_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'sd-sandbox-e2e-')));
const plainDataDir = external ? '' : (process.env.SANDBOX_E2E_PLAIN_DATA ??= mkdtempSync(join(tmpdir(), 'sd-sandbox-e2e-plain-')));
process.env.E2E_PLAIN_BASE_URL ??= `http://127.0.0.1:${PLAIN_PORT}`;

const sandbox = (port: number, dir: string, extra: string) => ({
  // `npm test` and `npm run test:e2e` build first; two `npm start`s would run two builds into the same folders at once.
  command: `npx tsx sandbox/main.ts --port ${port} --data "${dir}" --reset${extra}`,
  url: `http://127.0.0.1:${port}/healthz`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'pipe' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // The HTML report keeps the screenshots the journey specs attach (light and dark) beside each step.
  reporter: [['list'], ['html', { open: 'never', outputFolder: process.env.E2E_REPORT_DIR ?? 'playwright-report' }]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    testIdAttribute: 'data-testid',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  webServer: external ? undefined : [sandbox(PORT, dataDir, ''), sandbox(PLAIN_PORT, plainDataDir, ' --seed plain')],
});
