// Injection strings in transaction data are inert in the console. Two seeded items get hostile merchant
// names for the duration of this spec (written into the store, restored afterwards; item counts and
// versions are unchanged, so the other specs see the seed as it was): an HTML payload must show as
// literal text on /queue and /transactions/<id> with no dialog and no element created, and a spreadsheet
// formula must come out of the queue's CSV export with a leading quote (OWASP CSV-injection escaping).
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';

import type { ReviewItem } from '@/lib/store';

import { openConsoleStore, storageStateFor } from '../fixtures';
import { RESERVED_SLOT, reservedItem } from '../support/reserved-items';

test.use({ storageState: storageStateFor('analyst') });
test.describe.configure({ mode: 'serial' });

const HTML = '<img src=x onerror=alert(1)>';
const FORMULA = `=cmd|' /C calc'!A0`;

let htmlItem: ReviewItem;
let formulaItem: ReviewItem;

/** Sets an item's merchant name in place (the item's version and everything else unchanged). */
async function setMerchant(id: string, name: string): Promise<void> {
  const opened = await openConsoleStore();
  try {
    await opened.store.client.send(
      new UpdateItemCommand({
        TableName: opened.store.tables.reviews,
        Key: { transaction_id: { S: id } },
        UpdateExpression: 'SET #tx.#name = :name',
        ConditionExpression: 'attribute_exists(transaction_id)',
        ExpressionAttributeNames: { '#tx': 'tx', '#name': 'merchant_name' },
        ExpressionAttributeValues: { ':name': { S: name } },
      }),
    );
  } finally {
    await opened.close();
  }
}

test.beforeAll(async () => {
  htmlItem = await reservedItem(RESERVED_SLOT.htmlMerchant);
  formulaItem = await reservedItem(RESERVED_SLOT.formulaMerchant);
  await setMerchant(htmlItem.transaction_id, HTML);
  await setMerchant(formulaItem.transaction_id, FORMULA);
});

test.afterAll(async () => {
  if (htmlItem) await setMerchant(htmlItem.transaction_id, htmlItem.tx.merchant_name);
  if (formulaItem) await setMerchant(formulaItem.transaction_id, formulaItem.tx.merchant_name);
});

/** A queue URL narrow enough to put the item on the first page: its channel, MCC and day. */
const queueUrlFor = (item: ReviewItem) => {
  const day = item.tx.timestamp.slice(0, 10);
  return `/queue?channel=${item.tx.channel}&mcc=${item.tx.mcc}&from=${day}&to=${day}&size=100`;
};

/** Fails the test on any dialog (alert, confirm) the page opens, and on script errors. */
function watchForScript(page: Page): string[] {
  const events: string[] = [];
  page.on('dialog', (dialog) => {
    events.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => events.push(`page error: ${error.message}`));
  return events;
}

test('an HTML merchant name shows as text on /queue, running nothing', async ({ page }) => {
  const events = watchForScript(page);
  await page.goto(queueUrlFor(htmlItem));
  const row = page.getByRole('row', { name: new RegExp(htmlItem.transaction_id) });
  await expect(row).toContainText(HTML);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(events).toEqual([]);
});

test('an HTML merchant name shows as text on the transaction page, running nothing', async ({ page }) => {
  const events = watchForScript(page);
  await page.goto(`/transactions/${htmlItem.transaction_id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`at ${HTML}`);
  await expect(page.getByRole('region', { name: 'Transaction', exact: true })).toContainText(HTML);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(events).toEqual([]);
});

test('the queue export escapes a formula merchant name and keeps HTML as text', async ({ request }) => {
  for (const [item, expected] of [
    [formulaItem, `'${FORMULA}`],
    [htmlItem, HTML],
  ] as const) {
    const url = queueUrlFor(item).replace('/queue?', '/api/export/queue.csv?');
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="queue-open-/);
    const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.transaction_id === item.transaction_id);
    expect(row?.merchant_name).toBe(expected);
    // Nothing in the file starts a formula.
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  }
});

test('the export refuses parameters it cannot use instead of exporting more than asked', async ({
  request,
}) => {
  const response = await request.get('/api/export/queue.csv?min_score=lots');
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({
    details: [{ param: 'min_score', value: 'lots' }],
  });
});
