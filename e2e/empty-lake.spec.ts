// The home page of a server whose data dir holds no lake, signed in as a risk manager: an empty state
// that says how to make one; and, with an unreadable file put in the lake for one test, a banner with
// the request id instead of the error page. Signed in as an analyst: the queue of a server that has to
// start its own embedded review store (the path `npm start` takes).
import fs from 'node:fs/promises';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { E2E_USERS, SERVERS, storageStateFor } from './fixtures';
import { saveScreenshot } from './support/screenshots';

test.use({ storageState: storageStateFor('manager') });
// The outage test writes into this server's lake: the tests must not overlap.
test.describe.configure({ mode: 'serial' });

test('explains how to create a lake when there is none', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header.getByText(E2E_USERS.manager.name, { exact: true })).toBeVisible();
  await expect(header.getByText('Risk manager · local demo', { exact: true })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const lake = page.getByRole('region', { name: 'Data lake' });

  await expect(lake.getByRole('heading', { name: 'No transactions in the data lake yet' })).toBeVisible();
  for (const command of ['npm start', 'npm run simulate', 'npm run lake:build']) {
    await expect(lake.getByText(command, { exact: true })).toBeVisible();
  }
  await expect(lake.getByRole('group', { name: 'Transactions' })).toHaveCount(0);
  await expect(lake.getByRole('figure')).toHaveCount(0);

  await saveScreenshot(page, 'home-empty-1280x800.png');
});

test('says the lake could not be read, with the request id, when a lake file is corrupt', async ({
  page,
}) => {
  const lakeDir = path.join(SERVERS.emptyLake.dataDir, 'lake');
  const part = path.join(lakeDir, 'transactions', 'dt=2025-01-01', 'part-corrupt.parquet');
  await fs.mkdir(path.dirname(part), { recursive: true });
  await fs.writeFile(part, 'not a parquet file');
  try {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    const lake = page.getByRole('region', { name: 'Data lake' });
    const banner = lake.getByRole('alert');
    await expect(banner.getByRole('heading', { name: 'The data lake could not be read' })).toBeVisible();
    await expect(banner).toContainText(/Request id [0-9a-f-]{8,}/);
    await expect(banner).not.toContainText(/parquet|DuckDB|Error:/i);
    // The rest of the page (header, navigation) is still there.
    await expect(page.getByRole('heading', { level: 1, name: 'Fraud Review Console' })).toBeVisible();
    await saveScreenshot(page, 'home-lake-unreadable.png');
  } finally {
    await fs.rm(lakeDir, { recursive: true, force: true });
  }
});

test.describe('review store', () => {
  test.use({ storageState: storageStateFor('analyst') });

  test('with no store running, the console starts its own embedded one and serves an empty queue', async ({
    page,
  }) => {
    // Nothing else opens this server's store (the console server's is opened by the global setup), so
    // the first page that needs it makes the Next.js server start dynalite itself.
    const response = await page.goto('/queue');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'No open items' })).toBeVisible();
    await expect(page.getByText('could not be loaded')).toHaveCount(0);
    const lock = JSON.parse(
      await fs.readFile(path.join(SERVERS.emptyLake.dataDir, 'dynamo.lock'), 'utf8'),
    ) as { port: number | null };
    expect(lock.port).toBeGreaterThan(0);
  });
});
