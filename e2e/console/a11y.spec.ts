// Accessibility and layout of every page of the console, as each role sees it: axe-core finds no
// serious or critical WCAG 2.2 AA violation, and at the two desktop sizes the console is built for
// (1280×800 and 1920×1080) nothing overflows sideways. Read-only, apart from one sandbox rescoring
// (an audit event, the item unchanged) on an item no other spec decides.
import { expect, test, type Page } from '@playwright/test';

import type { Role } from '@/lib/auth/roles';
import { listQueue } from '@/lib/store';

import { openConsoleStore, storageStateFor } from '../fixtures';
import { allAxeFindings, seriousAxeFindings } from '../support/axe';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** A swipe item a little way down the open queue: the queue spec claims the top one, nobody decides these. */
async function readOnlyItemId(): Promise<string> {
  const opened = await openConsoleStore();
  try {
    const page = await listQueue(opened.store, {
      status: 'open',
      order: 'score',
      filters: { channel: 'swipe' },
      limit: 10,
    });
    const item = page.items[6] ?? page.items.at(-1);
    if (!item) throw new Error('the console seed has no open swipe item');
    return item.transaction_id;
  } finally {
    await opened.close();
  }
}

/** Axe at 1280×800, then no sideways overflow at either size. */
async function checkPage(page: Page, name: string): Promise<void> {
  await page.setViewportSize(VIEWPORTS[0]);
  // A server action's refresh swaps the page's metadata for a moment: scan the settled page (a title
  // that never comes back still fails here, and axe's document-title rule still runs).
  await expect(page).toHaveTitle(/\S/);
  if (process.env.AXE_REPORT === '1')
    console.log(`axe ${name}: ${JSON.stringify(await allAxeFindings(page), null, 1)}`);
  expect.soft(await seriousAxeFindings(page), `axe findings on ${name}`).toEqual([]);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} overflows sideways at ${viewport.width}×${viewport.height}`).toBe(0);
  }
}

/** Times switch from UTC to the viewer's zone once React has hydrated the page. */
async function hydrated(page: Page): Promise<void> {
  const time = page.locator('main time').first();
  if ((await time.count()) > 0) await expect(time).not.toContainText('UTC');
}

const as = (role: Role) => ({ storageState: storageStateFor(role) });

test.describe('signed out', () => {
  test('sign-in page', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await checkPage(page, 'sign-in');
  });
});

test.describe('as an analyst', () => {
  test.use(as('analyst'));

  test('home page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('figure', { name: 'Daily transactions' })).toBeVisible();
    await checkPage(page, 'home');
  });

  test('review queue', async ({ page }) => {
    await page.goto('/queue');
    await expect(page.getByRole('table', { name: 'Queue items' })).toBeVisible();
    await hydrated(page);
    await checkPage(page, 'queue');
  });

  test('transaction page, with its feature table and a rescoring', async ({ page }) => {
    const id = await readOnlyItemId();
    await page.goto(`/transactions/${id}`);
    const why = page.getByRole('region', { name: 'Why the model flagged it', exact: true });
    await expect(why).toBeVisible();
    await expect(page.getByRole('region', { name: /recent transactions/ })).toBeVisible();
    await hydrated(page);
    await why.getByText(/features as a table/).click();
    await checkPage(page, 'transaction');

    // Keyboard triage's states: a decision started (the reasons open as a list box), the shortcut sheet.
    await page.keyboard.press('f');
    await expect(
      page.getByRole('form', { name: 'Decision', exact: true }).getByLabel('Reason'),
    ).toBeFocused();
    await checkPage(page, 'decision started');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await checkPage(page, 'shortcut sheet');
    await page.keyboard.press('Escape');

    const form = page.getByRole('form', { name: 'Edit and rescore' });
    await form.getByLabel(/^Amount/).fill('4321');
    await form.getByRole('button', { name: 'Rescore' }).click();
    await expect(page.getByRole('region', { name: 'Rescoring result', exact: true })).toBeVisible();
    await checkPage(page, 'rescore diff');
  });

  test('access-denied page', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/forbidden\?need=analytics%3Aread$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('access');
    await checkPage(page, 'forbidden');
  });

  test('404 pages', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await checkPage(page, '404');
    await page.goto('/transactions/no-such-transaction');
    await expect(
      page.getByRole('heading', { level: 1, name: 'No review item for this transaction' }),
    ).toBeVisible();
    await checkPage(page, 'transaction 404');
  });
});

test.describe('as a risk manager', () => {
  test.use(as('manager'));

  test('dashboard', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByRole('figure', { name: 'Transactions per day', exact: true })).toBeVisible();
    await expect(page.getByRole('figure', { name: 'Review outcomes', exact: true })).toBeVisible();
    await checkPage(page, 'dashboard');
  });

  test('audit trail', async ({ page }) => {
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    await checkPage(page, 'audit');
  });

  test('drift', async ({ page }) => {
    await page.goto('/dashboard/drift');
    await expect(
      page.getByRole('figure', { name: 'Model inputs (PSI per feature)', exact: true }),
    ).toBeVisible();
    await checkPage(page, 'drift');
  });
});

test.describe('as an admin', () => {
  test.use(as('admin'));

  test('threshold what-if, with the change form', async ({ page }) => {
    await page.goto('/dashboard/threshold');
    await expect(page.getByRole('form', { name: 'Change the live threshold' })).toBeVisible();
    await expect(
      page.getByRole('figure', { name: 'Precision and recall as the threshold moves', exact: true }),
    ).toBeVisible();
    await checkPage(page, 'threshold');
  });
});
