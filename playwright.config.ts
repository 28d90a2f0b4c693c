// Playwright configuration: runs the BUILT console (`next build` first, separately) twice, once over a
// seeded lake and once with none, and drives Debian's Chromium (no browser download on this machine).
import path from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import { e2eDataDirs } from './e2e/fixtures/lake';

const repoRoot = import.meta.dirname;
const port = Number(process.env.E2E_PORT ?? 3100);
const emptyPort = port + 1;
const dataDirs = e2eDataDirs(repoRoot);

/** A production server over `dataDir`. Lake and inbox paths are pinned so a developer's shell cannot leak in. */
function server(serverPort: number, dataDir: string) {
  return {
    command: `npx next start -H 127.0.0.1 -p ${serverPort}`,
    url: `http://127.0.0.1:${serverPort}`,
    cwd: repoRoot,
    // A server already on the port would serve some other data dir: fail rather than test the wrong data.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      FRAUD_DATA_DIR: dataDir,
      FRAUD_LAKE_DIR: path.join(dataDir, 'lake'),
      FRAUD_INBOX_DIR: path.join(dataDir, 'inbox'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  };
}

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 1 : 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'lake',
      testIgnore: /empty-lake\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${port}` },
    },
    {
      name: 'empty-lake',
      testMatch: /empty-lake\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${emptyPort}` },
    },
  ],
  webServer: [server(port, dataDirs.withLake), server(emptyPort, dataDirs.empty)],
});
