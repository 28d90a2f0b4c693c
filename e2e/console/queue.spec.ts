// The review queue as an analyst uses it, over the pipeline-seeded console data: rows by score, filters
// that live in the URL, "Next item" claiming and opening the top unclaimed item, and bulk decisions
// recorded per item (with a conflict reported, not hidden). Other console specs change items too, so
// each test works on a slice of the queue (one channel) that the others do not touch, and asserts
// against the store rather than fixed positions.
import { expect, test, type Page } from '@playwright/test';

import {
  claimReview,
  getReviewItem,
  isClaimActive,
  listAuditEvents,
  releaseClaim,
  type Store,
} from '@/lib/store';

import { openConsoleStore, storageStateFor } from '../fixtures';

test.use({ storageState: storageStateFor('analyst') });

/** The name the analyst's decisions and claims are recorded under (lib/auth/session.ts). */
const ANALYST = 'analyst (local)';
const OTHER_ANALYST = 'manager (local)';

/** The text of one column of the queue table, row by row, found by its header. */
async function column(page: Page, header: string): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Queue items' });
  // The rows stream in after the page shell (Suspense): wait for them, not for the skeleton.
  await expect(table).toBeVisible();
  const headers = await table.getByRole('columnheader').allTextContents();
  const index = headers.findIndex((h) => h.trim() === header);
  if (index < 0) throw new Error(`no "${header}" column in ${JSON.stringify(headers)}`);
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  const texts: string[] = [];
  for (const row of await rows.all())
    texts.push((await row.getByRole('cell').nth(index).textContent()) ?? '');
  return texts;
}

/** `98.9%` → 0.989. */
const percent = (text: string): number => Number(text.replace('%', '').trim()) / 100;

/**
 * The queue table once it has streamed in and React has hydrated it (before that a checkbox click is
 * not React's). Times read "… UTC" until hydration switches them to the viewer's zone.
 */
async function hydratedTable(page: Page) {
  const table = page.getByRole('table', { name: 'Queue items' });
  await expect(table).toBeVisible();
  await expect(table.locator('time').first()).not.toContainText('UTC');
  return table;
}

/** Ids of the rows on the page, in order (from the row checkboxes' labels). */
async function rowIds(page: Page): Promise<string[]> {
  const table = await hydratedTable(page);
  const labels = await table
    .getByRole('checkbox', { name: /^Select (?!all)/ })
    .evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/^Select /, ''));
}

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const opened = await openConsoleStore();
  try {
    return await run(opened.store);
  } finally {
    await opened.close();
  }
}

test('lists open items with the highest score first, with counts per status', async ({ page }) => {
  await page.goto('/queue');

  await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
  const statuses = page.getByRole('navigation', { name: 'Review status' });
  await expect(statuses.getByRole('link', { name: /^Open \d[\d,]*$/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(statuses.getByRole('link', { name: /^Escalated \d/ })).toBeVisible();

  const scores = (await column(page, 'Score')).map(percent);
  expect(scores.length).toBeGreaterThan(10);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));

  // Oldest first is one click away, and keeps to the open tab.
  await page.getByRole('navigation', { name: 'Sort' }).getByRole('link', { name: 'Oldest first' }).click();
  await expect(page).toHaveURL(/\/queue\?order=age$/);
  await expect(page.getByRole('table', { name: 'Queue items' })).toBeVisible();
});

test('a filter in the URL narrows the list, and the filter form writes the URL', async ({ page }) => {
  await page.goto('/queue?channel=ecommerce');

  await expect(page.getByLabel('Channel')).toHaveValue('ecommerce');
  const channels = await column(page, 'Channel');
  expect(channels.length).toBeGreaterThan(0);
  expect(new Set(channels)).toEqual(new Set(['E-commerce']));

  // Narrow further through the form: the URL carries both filters (and no blank fields).
  const minScore = 60;
  await page.getByLabel('Min score %').fill(String(minScore));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(`/queue?min_score=${minScore}&channel=ecommerce`);
  const scores = (await column(page, 'Score')).map(percent);
  for (const score of scores) expect(score).toBeGreaterThanOrEqual(minScore / 100);

  // A filter nothing matches says so, with the way back.
  await page.goto('/queue?mcc=0001');
  await expect(page.getByRole('heading', { name: 'No open items match these filters' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL('/queue');
  await expect(page.getByRole('table', { name: 'Queue items' })).toBeVisible();
});

test('a filter the queue cannot use is reported, not silently dropped', async ({ page }) => {
  await page.goto('/queue?min_score=lots&channel=chip');

  await expect(page.getByRole('status').filter({ hasText: 'not understood' })).toContainText(
    'min_score=lots',
  );
  await expect(page.getByLabel('Channel')).toHaveValue('chip');
});

test('"Next item" claims the top unclaimed item in the view for the analyst and opens it', async ({
  page,
}) => {
  // Swipe payments: a slice of the queue the other console specs leave alone.
  await page.goto('/queue?channel=swipe&assignee=unassigned');
  const [top] = await rowIds(page);
  if (!top) throw new Error('no unclaimed swipe item in the console seed');

  await page.getByRole('button', { name: 'Next item' }).click();
  await page.waitForURL(`/transactions/${top}`);

  await withStore(async (store) => {
    const item = await getReviewItem(store, { transactionId: top });
    expect(item?.assignee).toBe(ANALYST);
    expect(item && isClaimActive(item)).toBe(true);
    // The queue shows the claim as the analyst's own, until its expiry.
    await page.goto('/queue?channel=swipe&assignee=me');
    await expect(page.getByRole('row', { name: new RegExp(top) })).toContainText(/You\s*until/);
    if (item) await releaseClaim(store, { transactionId: top, version: item.version, analyst: ANALYST });
  });
});

test('bulk decide records one decision per item and shows a conflict beside the successes', async ({
  page,
}) => {
  // Contactless payments, oldest first: items no other spec decides.
  await page.goto('/queue?order=age&channel=contactless&assignee=unassigned');
  const ids = (await rowIds(page)).slice(0, 3);
  expect(ids).toHaveLength(3);
  const [taken, ...rest] = ids as [string, string, string];

  const bar = page.getByRole('form', { name: 'Decide selected items' });
  for (const id of ids) await page.getByRole('checkbox', { name: `Select ${id}` }).check();
  await expect(bar).toContainText('3 selected');

  // Meanwhile another analyst claims one of them: it must not be decided behind their back.
  await withStore(async (store) => {
    const item = await getReviewItem(store, { transactionId: taken });
    if (!item) throw new Error(`${taken} vanished`);
    const claim = await claimReview(store, {
      transactionId: taken,
      version: item.version,
      analyst: OTHER_ANALYST,
    });
    expect(claim.ok).toBe(true);
  });

  await bar.getByText('Legitimate', { exact: true }).click();
  await expect(bar.getByRole('radio', { name: 'Legitimate' })).toBeChecked();
  await bar.getByLabel('Reason').selectOption({ label: 'Customer confirmed the transaction' });
  await bar.getByLabel(/Note/).fill('Cardholder confirmed by phone (e2e bulk)');
  await bar.getByRole('button', { name: 'Record 3 decisions' }).click();

  const result = page.getByRole('status').filter({ hasText: 'recorded as Legitimate' });
  await expect(result).toContainText('2 of 3 recorded as Legitimate');
  await expect(result.getByRole('list', { name: 'Items not recorded' })).toContainText(
    `${taken} claimed by ${OTHER_ANALYST}`,
  );
  // The page refreshes: all three leave this view of unclaimed open items (two decided, one now
  // claimed), while the report of the one not recorded stays on screen.
  for (const id of ids) await expect(page.getByRole('checkbox', { name: `Select ${id}` })).toHaveCount(0);
  await expect(result).toContainText('2 of 3 recorded as Legitimate');

  await withStore(async (store) => {
    for (const id of rest) {
      const item = await getReviewItem(store, { transactionId: id });
      expect(item?.status).toBe('legitimate');
      expect(item?.decision).toMatchObject({
        outcome: 'legitimate',
        reason: 'customer_confirmed',
        analyst: ANALYST,
        note: 'Cardholder confirmed by phone (e2e bulk)',
      });
      const trail = await listAuditEvents(store, { itemId: id, action: 'decided' });
      expect(trail.items).toHaveLength(1);
      expect(trail.items[0]?.actor).toBe(ANALYST);
    }
    const held = await getReviewItem(store, { transactionId: taken });
    expect(held?.status).toBe('open');
    expect(held?.assignee).toBe(OTHER_ANALYST);
    if (held)
      await releaseClaim(store, { transactionId: taken, version: held.version, analyst: OTHER_ANALYST });
  });
});

test('select all takes every row on the page that is free to decide', async ({ page }) => {
  await page.goto('/queue?channel=chip&size=25');
  const table = await hydratedTable(page);
  const rows = table.getByRole('checkbox', { name: /^Select (?!all)/ });
  const free = await rows.evaluateAll(
    (boxes) => boxes.filter((b) => !(b as HTMLInputElement).disabled).length,
  );
  expect(free).toBeGreaterThan(1);
  const bar = page.getByRole('form', { name: 'Decide selected items' });

  const all = table.getByRole('checkbox', { name: 'Select all items on this page' });
  await all.check();
  await expect(bar).toContainText(`${free} selected`);
  await expect(bar.getByRole('button', { name: `Record ${free} decisions` })).toBeDisabled();
  await all.uncheck();
  await expect(bar).toContainText('Select rows to decide them together');
});

test('renders without console errors or hydration warnings', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/queue?order=age');
  await hydratedTable(page);
  await page.waitForLoadState('networkidle');

  expect(problems).toEqual([]);
});
