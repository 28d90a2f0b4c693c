// The audit page as a risk manager uses it: a decision an analyst recorded shows up with its reason
// and note, the action filter narrows the list through the URL, and the CSV export holds the same view.
import { expect, test } from '@playwright/test';

import { decideReview } from '@/lib/store';

import { openConsoleStore, storageStateFor } from '../fixtures';
import { RESERVED_SLOT, reservedItem } from '../support/reserved-items';
import { saveScreenshotsAtBothSizes } from '../support/screenshots';

test.use({ storageState: storageStateFor('manager') });

test('a decision appears on the audit page, filtered by action, and in the CSV export', async ({ page }) => {
  const item = await reservedItem(RESERVED_SLOT.auditDecision);
  const opened = await openConsoleStore();
  try {
    await decideReview(opened.store, {
      transactionId: item.transaction_id,
      version: item.version,
      outcome: 'legitimate',
      reason: 'customer_confirmed',
      note: 'e2e: customer called back',
      analyst: 'analyst (local)',
    });
  } finally {
    await opened.close();
  }

  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Flagged' }).first()).toBeVisible();

  await page.getByLabel('Action').selectOption('decided');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]action=decided/);
  const row = page.getByRole('row').filter({ hasText: item.transaction_id });
  await expect(row).toContainText('legitimate: Customer confirmed the transaction');
  await expect(row).toContainText('e2e: customer called back');
  await expect(row).toContainText('analyst (local)');
  // Every row of the filtered page is a decision.
  const actions = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(['Decided']));
  await saveScreenshotsAtBothSizes(page, 'audit');

  const exported = await page.request.get('/api/export/audit.csv?action=decided');
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-type']).toContain('text/csv');
  const csv = await exported.text();
  expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
    'at,actor,action,item_id,item_version,details,note,event_id',
  );
  expect(csv).toContain(
    `${item.transaction_id},${item.version + 1},legitimate: Customer confirmed the transaction,e2e: customer called back`,
  );
});

test('a bad filter is named and ignored on the page, and refuses the export', async ({ page }) => {
  await page.goto('/audit?action=deleted&from=2025-13-01');
  await expect(page.getByRole('status').filter({ hasText: 'Ignored' })).toContainText('action “deleted”');
  const refused = await page.request.get('/api/export/audit.csv?action=deleted');
  expect(refused.status()).toBe(400);
});
