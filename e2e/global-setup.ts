// Playwright global setup: prepares every server's data dir, then requests each server once.
// Playwright starts the servers before this runs, which is fine: they read the lake on every request,
// the demo users on every sign-in, and open the review store on first use. The console's embedded
// dynalite is started here and kept until the run ends, so the server and the specs share one that
// outlives them all (a store owned by a worker would vanish when the worker exits).
import type { FullConfig } from '@playwright/test';

import { writeLocalUsers } from '@/lib/auth/local-users';
import { openStore } from '@/lib/store';

import { restoreConsoleSeed } from './fixtures/console-seed';
import { clearLake, seedLake } from './fixtures/lake';
import { LOCAL_SERVERS, SERVERS } from './fixtures/servers';
import { E2E_STORE_SETTINGS } from './fixtures/store';
import { E2E_USERS, usersFileFor } from './fixtures/users';

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  await Promise.all([
    seedLake(SERVERS.lake.dataDir),
    clearLake(SERVERS.emptyLake.dataDir),
    clearLake(SERVERS.cognito.dataDir),
    restoreConsoleSeed(SERVERS.console.dataDir),
  ]);
  // After the data dirs are (re)made: clearing one would delete its users file.
  await Promise.all(
    LOCAL_SERVERS.map((s) => writeLocalUsers(usersFileFor(s.dataDir), Object.values(E2E_USERS))),
  );
  const consoleStore = await openStore(E2E_STORE_SETTINGS, SERVERS.console.dataDir);

  try {
    const baseURLs = new Set(config.projects.flatMap((project) => project.use.baseURL ?? []));
    for (const url of baseURLs) {
      // Signed out, `/` redirects to /signin: this warms the proxy and the sign-in page.
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`warm-up request to ${url} answered ${response.status}`);
    }
  } catch (error) {
    await consoleStore.close();
    throw error;
  }
  return () => consoleStore.close();
}
