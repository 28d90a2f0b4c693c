// The console server's data as the other console specs find it: review items written by the real
// pipeline (scores with exact attributions) in the store, and the same transactions in the lake the
// pages read. Also a worked example of the fixtures (storage state, seed summary, store access).
import { expect, test } from '@playwright/test';

import { countReviewsByStatus, getReviewItem, listQueue } from '@/lib/store';

import { consoleSeedSummary, E2E_USERS, openConsoleStore, storageStateFor } from '../fixtures';

test.use({ storageState: storageStateFor('analyst') });

test('the store holds the seeded review items, each with exact attributions', async () => {
  const seed = await consoleSeedSummary();
  expect(seed.reviewItems).toBeGreaterThan(100);
  const opened = await openConsoleStore();
  try {
    const counts = await countReviewsByStatus(opened.store);
    // Other specs decide items (status changes), but none adds or removes one.
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(seed.reviewItems);

    const top = await listQueue(opened.store, { status: 'open', limit: 1 });
    const id = top.items[0]?.transaction_id;
    if (!id) throw new Error('no open review item in the console seed');
    const item = await getReviewItem(opened.store, { transactionId: id });
    if (!item) throw new Error(`review item ${id} listed but not found`);
    const margin = item.attributions.bias + item.attributions.phi.reduce((a, b) => a + b, 0);
    expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(item.score, 4);
    expect(item.model_version).toBe(seed.modelVersion);
  } finally {
    await opened.close();
  }
});

test('the home page reads the seeded lake', async ({ page }) => {
  const seed = await consoleSeedSummary();
  await page.goto('/');

  await expect(page.getByRole('banner').getByText(E2E_USERS.analyst.name, { exact: true })).toBeVisible();
  const lake = page.getByRole('region', { name: 'Data lake' });
  await expect(lake.getByRole('group', { name: 'Transactions' })).toContainText(
    seed.accepted.toLocaleString('en-US'),
  );
  await expect(lake.getByRole('group', { name: 'Days covered' })).toContainText(String(seed.days));
});
