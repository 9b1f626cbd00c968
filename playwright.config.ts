import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the Jira-like sandbox shell in Debian's Chromium.
 *
 * By default Playwright starts a fresh sandbox (`npm start -- --port 8799 --data <temp dir> --reset`).
 * Set E2E_BASE_URL to run against a sandbox that is already running instead.
 */
const PORT = 8799;
const external = process.env.E2E_BASE_URL;
// A fresh data directory per run. Workers re-evaluate this file; the env var makes them reuse the
// directory the runner created instead of making their own.
const dataDir = external ? '' : (process.env.SANDBOX_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'sd-sandbox-e2e-')));

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
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
  webServer: external
    ? undefined
    : {
        command: `npm start -- --port ${PORT} --data "${dataDir}" --reset`,
        url: `http://127.0.0.1:${PORT}/healthz`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
