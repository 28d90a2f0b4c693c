// The transaction page as an analyst uses it, over the pipeline-seeded console data: the transaction and
// its score, the attributions listed with their values in words, the card's history, deciding (recorded
// and shown in the trail), a stale form refused with "changed by X at T — reload", claim and release,
// rescoring an edited copy (new score and diff, stored item unchanged), and a helpful 404.
// Other console specs change items too (the queue spec works the top of each channel's queue), so each
// test here takes its own item from the bottom of the open e-commerce queue and asserts against the store.
import { expect, test, type Page } from '@playwright/test';

import { formatsFor } from '@/lib/format/formats';
import { getModel } from '@/lib/model/scorer';
import { attributionRows, featureNamesFor } from '@/lib/review/attributions';
import {
  decideReview,
  getReviewItem,
  listAuditEvents,
  listQueue,
  type ReviewItem,
  type Store,
} from '@/lib/store';

import { openConsoleStore, storageStateFor } from '../fixtures';
import { saveScreenshot } from '../support/screenshots';

/** The browser context's locale (Playwright's default, en-US), as the console negotiates it. */
const en = formatsFor('en-US');
const { formatMoney, formatScore } = en;

test.use({ storageState: storageStateFor('analyst') });

/** The name the analyst's decisions are recorded under (lib/auth/session.ts). */
const ANALYST = 'analyst (local)';
const OTHER_ANALYST = 'manager (local)';

/** Which of the low-score open e-commerce items each test takes, so no two tests share one. */
const SLOT = { read: 0, decide: 1, stale: 2, rescore: 3, claim: 4, screenshot: 5 } as const;

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const opened = await openConsoleStore();
  try {
    return await run(opened.store);
  } finally {
    await opened.close();
  }
}

/**
 * An open, unclaimed e-commerce item, counted from the bottom of the queue (`slot`) or, for read-only
 * use, from the top. The queue spec only reads e-commerce items; the slots keep tests apart here.
 */
async function itemFor(slot: number, from: 'bottom' | 'top' = 'bottom'): Promise<ReviewItem> {
  return withStore(async (store) => {
    const page = await listQueue(store, {
      status: 'open',
      order: 'score',
      filters: { channel: 'ecommerce', assignee: null },
      limit: 500,
    });
    const summary = page.items[from === 'top' ? slot : page.items.length - 1 - slot];
    if (!summary) throw new Error(`the console seed has fewer than ${slot + 1} open e-commerce items`);
    const item = await getReviewItem(store, { transactionId: summary.transaction_id });
    if (!item) throw new Error(`item ${summary.transaction_id} vanished`);
    return item;
  });
}

/** The page once its panels have streamed in and React has hydrated (times switch from UTC to local). */
async function openItem(page: Page, id: string): Promise<void> {
  await page.goto(`/transactions/${id}`);
  await expect(page.getByRole('region', { name: 'Why the model flagged it', exact: true })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'History', exact: true }).locator('time').first(),
  ).not.toContainText('UTC');
}

test('shows the transaction, its score and the attributions in words', async ({ page }) => {
  const item = await itemFor(SLOT.read);
  const model = await getModel();
  const rows = attributionRows(
    featureNamesFor(item, model)!,
    item.features,
    item.attributions.phi,
    en,
    item.tx,
  );
  await openItem(page, item.transaction_id);

  await expect(page).toHaveTitle(`Transaction ${item.transaction_id} · Fraud Review Console`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${formatMoney(item.tx.amount, item.tx.currency)} at ${item.tx.merchant_name}`,
  );
  const facts = page.getByRole('region', { name: 'Transaction', exact: true });
  await expect(facts).toContainText('E-commerce (card not present)');
  await expect(facts).toContainText(item.tx.mcc);
  // Hovering the time shows it in UTC.
  await expect(facts.locator('time')).toHaveAttribute(
    'title',
    `${item.tx.timestamp.slice(0, 10)} ${item.tx.timestamp.slice(11, 19)} UTC`,
  );

  const score = page.getByRole('region', { name: 'Score', exact: true });
  await expect(score).toContainText(formatScore(item.score));
  await expect(score).toContainText(`Threshold ${formatScore(item.threshold)}`);
  await expect(score).toContainText(item.model_version);
  await expect(score.getByRole('meter', { name: 'Fraud score' })).toBeVisible();

  // The biggest pushes up and down are listed with their values in words.
  const why = page.getByRole('region', { name: 'Why the model flagged it', exact: true });
  const chart = why.getByRole('figure', { name: 'Contributions to the score' });
  const up = rows.filter((r) => r.phi > 0).slice(0, 3);
  const down = rows.filter((r) => r.phi < 0).slice(0, 1);
  for (const row of [...up, ...down])
    await expect(chart.getByText(row.phrase, { exact: true }).first()).toBeVisible();
  await expect(chart.getByText(`Final score ${formatScore(item.score)}`)).toBeVisible();
  // The text alternative lists every feature.
  await why.getByText(`All ${rows.length} features as a table`).click();
  const table = why.getByRole('table', { name: "Every feature's value and contribution to the score" });
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
  await expect(table.getByRole('rowheader', { name: rows[0]!.phrase, exact: true })).toBeVisible();

  // The card's history comes from the lake, with this transaction marked.
  const history = page.getByRole('region', { name: `Card ${item.tx.card_id}: recent transactions` });
  await expect(history.locator('tr[aria-current="true"]')).toContainText('This transaction');
  await expect(
    page.getByRole('region', { name: `Terminal ${item.tx.terminal_id}: fraud rate` }),
  ).toContainText('Last 30 days');
  await expect(page.getByRole('region', { name: 'Related items and alerts', exact: true })).toContainText(
    'Same card',
  );
  await expect(page.getByRole('region', { name: 'History', exact: true })).toContainText(
    'Flagged by pipeline',
  );
});

test('deciding records the decision and shows it in the trail', async ({ page }) => {
  const item = await itemFor(SLOT.decide);
  await openItem(page, item.transaction_id);

  const form = page.getByRole('form', { name: 'Decision', exact: true });
  await form.getByText('Fraud', { exact: true }).click();
  await form.getByLabel('Reason').selectOption({ label: 'Card-not-present fraud' });
  await form.getByLabel('Note').fill('Cardholder did not recognise the merchant.');
  await form.getByRole('button', { name: 'Record decision' }).click();

  const trail = page.getByRole('region', { name: 'History', exact: true });
  await expect(trail.getByRole('listitem').first()).toContainText(`Decided Fraud by ${ANALYST}`);
  await expect(trail.getByRole('listitem').first()).toContainText('Reason: Card-not-present fraud');
  await expect(trail.getByRole('listitem').first()).toContainText(
    'Cardholder did not recognise the merchant.',
  );
  await expect(page.getByRole('group', { name: 'Decision on record' })).toContainText(
    'Fraud · Card-not-present fraud',
  );
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Fraud');

  const stored = await withStore((store) => getReviewItem(store, { transactionId: item.transaction_id }));
  expect(stored).toMatchObject({
    status: 'fraud',
    version: item.version + 1,
    decision: { outcome: 'fraud', reason: 'card_not_present', analyst: ANALYST },
  });
});

test('a stale decision gets "changed by … — reload" and overwrites nothing', async ({ page }) => {
  const item = await itemFor(SLOT.stale);
  await openItem(page, item.transaction_id);

  // Another analyst decides while this page is open.
  await withStore((store) =>
    decideReview(store, {
      transactionId: item.transaction_id,
      version: item.version,
      outcome: 'legitimate',
      reason: 'customer_confirmed',
      analyst: OTHER_ANALYST,
    }),
  );

  const form = page.getByRole('form', { name: 'Decision', exact: true });
  await form.getByText('Fraud', { exact: true }).click();
  await form.getByLabel('Reason').selectOption('stolen_card');
  await form.getByRole('button', { name: 'Record decision' }).click();

  const alert = form.getByRole('alert');
  await expect(alert).toContainText(`Changed by ${OTHER_ANALYST} at`);
  await expect(alert).toContainText('(decided: legitimate)');
  await expect(alert).toContainText('reload to see the latest. Nothing was saved.');

  const stored = await withStore((store) => getReviewItem(store, { transactionId: item.transaction_id }));
  expect(stored?.decision).toMatchObject({ outcome: 'legitimate', analyst: OTHER_ANALYST });
  const decided = await withStore((store) =>
    listAuditEvents(store, { itemId: item.transaction_id, action: 'decided' }),
  );
  expect(decided.items.map((e) => e.actor)).toEqual([OTHER_ANALYST]);

  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('group', { name: 'Decision on record' })).toContainText(
    `Legitimate · Customer confirmed the transaction`,
  );
  await expect(page.getByRole('group', { name: 'Decision on record' })).toContainText(`by ${OTHER_ANALYST}`);
});

test('claims and releases an item', async ({ page }) => {
  const item = await itemFor(SLOT.claim);
  await openItem(page, item.transaction_id);
  const decision = page.getByRole('region', { name: 'Decision', exact: true });

  await expect(decision).toContainText('Nobody is working this item.');
  await decision.getByRole('button', { name: 'Claim' }).click();
  await expect(decision).toContainText('You hold this item until');
  await expect(page.getByRole('region', { name: 'Score', exact: true })).toContainText(
    `${ANALYST} · claim until`,
  );
  await expect(
    page.getByRole('region', { name: 'History', exact: true }).getByRole('listitem').first(),
  ).toContainText(`Claimed by ${ANALYST}`);

  await decision.getByRole('button', { name: 'Release' }).click();
  await expect(decision).toContainText('Nobody is working this item.');
  await expect(
    page.getByRole('region', { name: 'History', exact: true }).getByRole('listitem').first(),
  ).toContainText(`Released by ${ANALYST}`);
  const stored = await withStore((store) => getReviewItem(store, { transactionId: item.transaction_id }));
  expect(stored?.assignee).toBeUndefined();
});

test('rescoring with a bigger amount changes the score and shows the attribution diff', async ({ page }) => {
  const item = await itemFor(SLOT.rescore);
  await openItem(page, item.transaction_id);
  const bigger = Math.round(item.tx.amount * 50 + 1500);

  const form = page.getByRole('form', { name: 'Edit and rescore' });
  await expect(form.getByLabel(/^Amount/)).toHaveValue(String(item.tx.amount));
  const result = page.getByRole('region', { name: 'Rescoring result', exact: true });

  // Unedited first: the stored history reproduces the stored score, and the diff says nothing moved.
  await form.getByRole('button', { name: 'Rescore' }).click();
  await expect(result.getByRole('group', { name: 'Rescored score' })).toContainText(formatScore(item.score));
  await expect(result.getByRole('table', { name: /before and after rescoring/ })).toContainText(
    'No contribution changed',
  );

  await form.getByLabel(/^Amount/).fill(String(bigger));
  await form.getByRole('button', { name: 'Rescore' }).click();

  // The edit is listed once the new result has replaced the unedited one.
  await expect(result).toContainText(
    `Amount: ${formatMoney(item.tx.amount, item.tx.currency)} → ${formatMoney(bigger, item.tx.currency)}`,
  );
  await expect(result.getByRole('group', { name: 'Stored score' })).toContainText(formatScore(item.score));
  const rescored = result.getByRole('group', { name: 'Rescored score' });
  await expect(rescored).toBeVisible();
  expect(await rescored.textContent()).not.toContain(formatScore(item.score));
  // The diff lists the amount's own row with its new value in words, marked as changed.
  const diff = result.getByRole('table', { name: /before and after rescoring/ });
  await expect(
    diff.getByRole('row').filter({ hasText: `amount of ${formatMoney(bigger, item.tx.currency)}` }),
  ).toContainText('changed');

  // Sandbox: the item is unchanged, the attempt is in the trail.
  await expect(
    page.getByRole('region', { name: 'History', exact: true }).getByRole('listitem').first(),
  ).toContainText(`Rescored by ${ANALYST}`);
  const [stored, events] = await withStore((store) =>
    Promise.all([
      getReviewItem(store, { transactionId: item.transaction_id }),
      listAuditEvents(store, { itemId: item.transaction_id, action: 'rescored' }),
    ]),
  );
  expect(stored).toEqual(item);
  expect(events.items[0]?.details).toMatchObject({
    changes: { amount: { from: item.tx.amount, to: bigger } },
    old_score: item.score,
  });
});

test('an unknown id gets a 404 that says what the page is for', async ({ page }) => {
  const response = await page.goto('/transactions/no-such-transaction');
  expect(response?.status()).toBe(404);
  await expect(
    page.getByRole('heading', { level: 1, name: 'No review item for this transaction' }),
  ).toBeVisible();
  await expect(page.getByText('no-such-transaction')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the review queue' })).toHaveAttribute('href', '/queue');
});

test('renders without console errors or hydration warnings, and takes the screenshots', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  // The page of the riskiest e-commerce item (only viewed), then a rescoring of a low-score one.
  const top = await itemFor(0, 'top');
  const item = await itemFor(SLOT.screenshot);

  await page.setViewportSize({ width: 1280, height: 800 });
  await openItem(page, top.transaction_id);
  await expect(page.getByRole('region', { name: /recent transactions/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
  await saveScreenshot(page, 'transaction.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, 'transaction-1920x1080.png');

  await page.setViewportSize({ width: 1280, height: 800 });
  await openItem(page, item.transaction_id);
  const form = page.getByRole('form', { name: 'Edit and rescore' });
  await form.getByLabel(/^Amount/).fill(String(Math.round(item.tx.amount * 40 + 900)));
  await form.getByLabel('Merchant country').fill('US');
  await form.getByRole('button', { name: 'Rescore' }).click();
  const result = page.getByRole('region', { name: 'Rescoring result', exact: true });
  await expect(result).toBeVisible();
  // The edits and the result together: the rescoring panel's top just below the sticky header (56 px).
  const panel = page.getByRole('region', { name: 'Rescore an edited transaction', exact: true });
  const showResult = () =>
    panel.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
  await showResult();
  await saveScreenshot(page, 'rescore.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await showResult();
  await saveScreenshot(page, 'rescore-1920x1080.png');
  expect(problems).toEqual([]);
});

test.describe('in the analyst’s locale', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

  test('formats numbers, money and times per Accept-Language, with no hydration mismatch', async ({
    page,
  }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const de = formatsFor('de-DE');
    const item = await itemFor(1, 'top');
    await openItem(page, item.transaction_id);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      `${de.formatMoney(item.tx.amount, item.tx.currency)} at ${item.tx.merchant_name}`,
    );
    const score = page.getByRole('region', { name: 'Score', exact: true });
    await expect(score).toContainText(de.formatScore(item.score));
    // The history's times: German day order and the viewer's zone after hydration, UTC on hover.
    const time = page.getByRole('region', { name: 'History', exact: true }).locator('time').first();
    await expect(time).toHaveText(/^\d{1,2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/);
    await expect(time).toHaveAttribute('title', / UTC$/);
    // The queue in the same locale.
    await page.goto('/queue');
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    // `99,0 %` and `793,33 $`: German decimal commas, the symbol after the amount.
    await expect(firstRow).toContainText(/\d,\d\s%/);
    await expect(firstRow).toContainText(/\d,\d{2}\s[€$£]/);
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });
});
