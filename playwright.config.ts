// Playwright configuration: runs the BUILT console (`next build` first, separately) as four servers
// (hand-made lake, no lake, the pipeline-seeded console data, and Cognito sign-in against a local OIDC
// issuer) and drives Debian's Chromium (no browser download on this machine). A setup project signs
// each demo role in once; specs reuse the saved state. Servers, ports and data dirs: e2e/fixtures/servers.ts.
import path from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import {
  COGNITO_NEXTAUTH_SECRET,
  E2E_API_KEYS_ENV,
  E2E_TABLE_PREFIX,
  LOCAL_NEXTAUTH_SECRET,
  OIDC_ISSUER,
  REPO_ROOT,
  SERVERS,
  type E2EServer,
} from './e2e/fixtures/servers';

/** A spec file directly in e2e/ (anchored, so `auth.spec.ts` does not also match `oauth.spec.ts`). */
const topLevel = (file: string) => new RegExp(`[\\\\/]e2e[\\\\/]${file.replace(/\./g, '\\.')}$`);
const SETUP = topLevel('auth.setup.ts');
const EMPTY_LAKE_SPECS = [topLevel('empty-lake.spec.ts')];
/** e2e/console/**: the queue, transaction and other console specs; plus sign-in and the access matrix. */
const CONSOLE_SPECS = [
  /[\\/]e2e[\\/]console[\\/].*\.spec\.ts$/,
  topLevel('auth.spec.ts'),
  topLevel('access-matrix.spec.ts'),
];
const COGNITO_SPECS = [topLevel('cognito.spec.ts')];

/** Cognito variables blanked (the config reads '' as unset), so a developer's shell cannot switch mode. */
const NO_COGNITO = {
  FRAUD_COGNITO_USER_POOL_ID: '',
  FRAUD_COGNITO_REGION: '',
  FRAUD_COGNITO_CLIENT_ID: '',
  FRAUD_COGNITO_CLIENT_SECRET: '',
  FRAUD_COGNITO_ISSUER: '',
};

/** A production server over the server's data dir. Lake and inbox paths are pinned so a shell cannot leak in. */
function nextServer(server: E2EServer, env: Record<string, string>) {
  return {
    command: `npx next start -H 127.0.0.1 -p ${server.port}`,
    url: server.baseURL,
    cwd: REPO_ROOT,
    // A server already on the port would serve some other data dir: fail rather than test the wrong data.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      FRAUD_DATA_DIR: server.dataDir,
      FRAUD_LAKE_DIR: path.join(server.dataDir, 'lake'),
      FRAUD_INBOX_DIR: path.join(server.dataDir, 'inbox'),
      NEXTAUTH_URL: server.baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  };
}

const localSignIn = { ...NO_COGNITO, NEXTAUTH_SECRET: LOCAL_NEXTAUTH_SECRET };

const project = (server: E2EServer, options: { testMatch: RegExp[] } | { testIgnore: RegExp[] }) => ({
  name: server.project,
  ...options,
  use: { ...devices['Desktop Chrome'], baseURL: server.baseURL },
});

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
    // Signs each demo role in through the real form and saves e2e/.auth/<role>.json.
    { ...project(SERVERS.console, { testMatch: [SETUP] }), name: 'setup' },
    {
      ...project(SERVERS.lake, {
        testIgnore: [SETUP, ...EMPTY_LAKE_SPECS, ...CONSOLE_SPECS, ...COGNITO_SPECS],
      }),
      dependencies: ['setup'],
    },
    { ...project(SERVERS.emptyLake, { testMatch: EMPTY_LAKE_SPECS }), dependencies: ['setup'] },
    { ...project(SERVERS.console, { testMatch: CONSOLE_SPECS }), dependencies: ['setup'] },
    // Signs in through the Cognito provider itself; needs no saved state.
    project(SERVERS.cognito, { testMatch: COGNITO_SPECS }),
  ],
  webServer: [
    nextServer(SERVERS.lake, localSignIn),
    nextServer(SERVERS.emptyLake, localSignIn),
    nextServer(SERVERS.console, {
      ...localSignIn,
      FRAUD_API_KEYS: E2E_API_KEYS_ENV,
      FRAUD_TABLE_PREFIX: E2E_TABLE_PREFIX,
    }),
    {
      command: 'npx tsx e2e/support/oidc-issuer.ts',
      url: `${OIDC_ISSUER.url}/.well-known/openid-configuration`,
      cwd: REPO_ROOT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { E2E_PORT: String(SERVERS.lake.port) },
    },
    nextServer(SERVERS.cognito, {
      FRAUD_COGNITO_USER_POOL_ID: '',
      FRAUD_COGNITO_REGION: '',
      FRAUD_COGNITO_ISSUER: OIDC_ISSUER.url,
      FRAUD_COGNITO_CLIENT_ID: OIDC_ISSUER.clientId,
      FRAUD_COGNITO_CLIENT_SECRET: OIDC_ISSUER.clientSecret,
      NEXTAUTH_SECRET: COGNITO_NEXTAUTH_SECRET,
    }),
  ],
});
