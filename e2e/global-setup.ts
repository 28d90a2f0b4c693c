// Playwright global setup: seeds the e2e lake, empties the no-lake data dir, then requests each
// server's home page once. Playwright starts the servers before this runs, which is fine because they
// read the lake on every request; the warm-up keeps the first test from paying the servers' cold start.
import path from 'node:path';

import type { FullConfig } from '@playwright/test';

import { clearLake, e2eDataDirs, seedLake } from './fixtures/lake';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const dirs = e2eDataDirs(path.resolve(import.meta.dirname, '..'));
  await Promise.all([seedLake(dirs.withLake), clearLake(dirs.empty)]);

  const baseURLs = new Set(config.projects.flatMap((project) => project.use.baseURL ?? []));
  for (const url of baseURLs) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`warm-up request to ${url} answered ${response.status}`);
  }
}
