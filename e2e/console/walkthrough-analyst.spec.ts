// A shift as an analyst, signed in through the form: the pages the role may use (and the access-denied
// page for one it may not), then triage by keyboard alone over chip payments (a slice of the queue no
// other spec decides): j / k through the queue, Enter to open, f + a reason + Enter to record and move
// to the next item, e for the next one, n to skip one; the shortcut sheet; and sign-out. The moves
// from one item to the next are timed in the browser (key down to the next page painted).
import { expect, test, type Page } from '@playwright/test';

import { formatsFor } from '@/lib/format/formats';
import { getReviewItem, releaseClaim } from '@/lib/store';

import { consoleSeedSummary, E2E_USERS, openConsoleStore } from '../fixtures';
import { saveScreenshot, saveScreenshotsAtBothSizes } from '../support/screenshots';
import {
  armKeyToRender,
  itemIdOnPage,
  readKeyToRender,
  recordRscFetches,
  sectionLinks,
  signInThroughForm,
  signOut,
  visitEverySection,
} from '../support/walkthrough';

/** The browser context's locale (Playwright's default, en-US), as the console negotiates it. */
const { formatCount } = formatsFor('en-US');

/** The name the analyst's decisions and claims are recorded under (lib/auth/session.ts). */
const ANALYST = 'analyst (local)';

/** The item the "Next" link names (and `n` opens), once the page has settled. */
async function nextItemId(page: Page): Promise<string> {
  const link = page.getByRole('link', { name: /^Next:/ });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  const id = href?.match(/^\/transactions\/([^/?#]+)$/)?.[1];
  if (!id) throw new Error(`unexpected next-item link ${href}`);
  return decodeURIComponent(id);
}

/** The item page has streamed in, hydrated, and the network is quiet. */
async function settledItemPage(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Why the model flagged it', exact: true })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'History', exact: true }).locator('time').first(),
  ).not.toContainText('UTC');
  await page.waitForLoadState('networkidle');
}

test('an analyst triages by keyboard, from sign-in to sign-out', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const claimed: string[] = [];
  const timings: Record<string, number> = {};
  const prefetched = recordRscFetches(page);
  /** Waits until the browser holds the next item's page, as it would while the analyst reads this one. */
  const nextReady = async () => {
    await settledItemPage(page);
    const next = await nextItemId(page);
    await prefetched(`/transactions/${next}`);
    return next;
  };

  try {
    await test.step('signs in through the form', () => signInThroughForm(page, 'analyst'));

    await test.step('the header offers the analyst’s sections only, and each opens', async () => {
      expect(await sectionLinks(page)).toEqual(['Overview', 'Queue']);
      await visitEverySection(page, 'analyst');
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Overview' })
        .click();
      const seed = await consoleSeedSummary();
      await expect(
        page.getByRole('region', { name: 'Data lake' }).getByRole('group', { name: 'Transactions' }),
      ).toContainText(formatCount(seed.accepted));
    });

    await test.step('a risk page shows the access-denied page', async () => {
      await page.goto('/dashboard');
      await expect(page).toHaveURL(/\/forbidden\?need=analytics%3Aread$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('You don’t have access to that page');
      await expect(page.getByRole('main')).toContainText(
        `It needs the Risk manager role or higher; you are signed in as ${E2E_USERS.analyst.name} (Analyst).`,
      );
      await page.getByRole('link', { name: 'Back to the start page' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Fraud Review Console' })).toBeVisible();
    });

    const table = page.getByRole('table', { name: 'Queue items' });
    const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });

    await test.step('opens the queue and narrows it to chip payments', async () => {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Queue' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
      await page.getByLabel('Channel').selectOption('chip');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect(page).toHaveURL(/\/queue\?channel=chip$/);
      await expect(table.locator('time').first()).not.toContainText('UTC');
      expect(await rows.count()).toBeGreaterThan(3);
    });

    await test.step('keys typed into a field stay text, not shortcuts', async () => {
      const country = page.getByLabel('Card country');
      await country.click();
      await page.keyboard.type('jk');
      await expect(country).toHaveValue('jk');
      await expect(table.locator('tr[data-active]')).toHaveCount(0);
      await country.fill('');
      await page.getByRole('heading', { level: 1, name: 'Review queue' }).click();
      await page.keyboard.press('Alt+j');
      await expect(table.locator('tr[data-active]')).toHaveCount(0);
    });

    await test.step('j / k move the selection, with a visible focus ring', async () => {
      await page.keyboard.press('j');
      await expect(rows.nth(0).getByRole('link')).toBeFocused();
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await expect(rows.nth(2).getByRole('link')).toBeFocused();
      await page.keyboard.press('k');
      const link = rows.nth(1).getByRole('link');
      await expect(link).toBeFocused();
      await expect(rows.nth(1)).toHaveAttribute('data-active', 'true');
      // The ring is drawn around the whole row while its link has keyboard focus.
      expect(await rows.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
      await saveScreenshotsAtBothSizes(page, 'queue');
    });

    await test.step('? opens the shortcut sheet; Esc closes it and focus comes back', async () => {
      await page.keyboard.press('?');
      const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(sheet).toBeVisible();
      const close = sheet.getByRole('button', { name: 'Close' });
      await expect(close).toBeFocused();
      for (const action of [
        'Move the selection',
        'Open the selected item',
        'Record the decision and open',
        'Claim the next unclaimed item',
      ])
        await expect(sheet).toContainText(action);
      // Focus stays in the dialog, and the page behind ignores shortcuts.
      await page.keyboard.press('Tab');
      await expect(close).toBeFocused();
      await page.keyboard.press('j');
      await expect(rows.nth(1)).toHaveAttribute('data-active', 'true');
      await saveScreenshot(page, 'shortcuts.png');
      await page.keyboard.press('Escape');
      await expect(sheet).toBeHidden();
      await expect(rows.nth(1).getByRole('link')).toBeFocused();
    });

    let current = '';
    let decidedFraud = '';
    await test.step('Enter opens the selected item', async () => {
      const href = await rows.nth(1).getByRole('link').getAttribute('href');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === href);
      await settledItemPage(page);
      current = await itemIdOnPage(page);
      expect(`/transactions/${encodeURIComponent(current)}`).toBe(href);
    });

    await test.step('f, a reason and Enter record fraud and open the next item at once', async () => {
      const next = await nextReady();
      await page.keyboard.press('f');
      const form = page.getByRole('form', { name: 'Decision', exact: true });
      await expect(form.getByRole('radio', { name: 'Fraud' })).toBeChecked();
      const reasons = form.getByLabel('Reason');
      await expect(reasons).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(reasons).toHaveValue('stolen_card');
      await saveScreenshot(page, 'triage-decision.png');

      await armKeyToRender(page, 'Enter', next);
      await page.keyboard.press('Enter');
      timings['Enter: record fraud → next item shown'] = await readKeyToRender(page);
      await expect(page).toHaveURL(new RegExp(`/transactions/${next}$`));
      await expect(
        page.getByRole('status').filter({ hasText: `Recorded Fraud · Lost or stolen card on ${current}.` }),
      ).toBeVisible();
      // The page came from the prefetch; once the claim is written it refreshes to show it.
      await expect(page.getByRole('region', { name: 'Decision', exact: true })).toContainText(
        'You hold this item until',
      );
      claimed.push(next);
      await expect.poll(async () => (await withItem(current))?.status).toBe('fraud');
      expect((await withItem(current))?.decision).toMatchObject({
        outcome: 'fraud',
        reason: 'stolen_card',
        analyst: ANALYST,
      });
      decidedFraud = current;
      current = next;
    });

    await test.step('e escalates the next one, again without waiting', async () => {
      const next = await nextReady();
      await page.keyboard.press('e');
      const reasons = page.getByRole('form', { name: 'Decision', exact: true }).getByLabel('Reason');
      await expect(reasons).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(reasons).toHaveValue('needs_more_info');
      await armKeyToRender(page, 'Enter', next);
      await page.keyboard.press('Enter');
      timings['Enter: escalate → next item shown'] = await readKeyToRender(page);
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: `Recorded Escalate · Needs more information on ${current}.` }),
      ).toBeVisible();
      await expect(page.getByRole('region', { name: 'Decision', exact: true })).toContainText(
        'You hold this item until',
      );
      claimed.push(next);
      await expect.poll(async () => (await withItem(current))?.status).toBe('escalated');
      current = next;
    });

    await test.step('n skips to the next item, claiming it', async () => {
      const next = await nextReady();
      await armKeyToRender(page, 'n', next);
      await page.keyboard.press('n');
      timings['n: next item shown'] = await readKeyToRender(page);
      await expect(page.getByRole('region', { name: 'Decision', exact: true })).toContainText(
        'You hold this item until',
      );
      claimed.push(next);
      const skipped = await withItem(current);
      expect(skipped?.status).toBe('open');
      expect(skipped?.assignee).toBe(ANALYST);
      const taken = await withItem(next);
      expect(taken?.assignee).toBe(ANALYST);
    });

    await test.step('the decided item’s history shows who decided what', async () => {
      await page.goto(`/transactions/${decidedFraud}`);
      const history = page.getByRole('region', { name: 'History', exact: true });
      await expect(history.getByRole('listitem').first()).toContainText(`Decided Fraud by ${ANALYST}`);
      await expect(history.getByRole('listitem').first()).toContainText('Reason: Lost or stolen card');
      await expect(history).toContainText('Flagged by pipeline');
      await expect(page.getByRole('group', { name: 'Decision on record' })).toContainText(
        'Fraud · Lost or stolen card',
      );
      await expect(history.locator('time').first()).not.toContainText('UTC');
      await page
        .getByRole('region', { name: 'Score', exact: true })
        .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
      await saveScreenshotsAtBothSizes(page, 'history');
    });

    await test.step('signs out', () => signOut(page));
  } finally {
    await releaseAll(claimed);
    console.log(`keyboard triage, key down → next item painted: ${JSON.stringify(timings)}`);
    for (const [what, ms] of Object.entries(timings))
      test.info().annotations.push({ type: 'timing', description: `${what}: ${ms.toFixed(1)} ms` });
  }
  // Prefetched and optimistic: the next item shows without a server round trip (which alone takes
  // longer than 250 ms here). The target is 100 ms; the median is held to it, single moves get slack
  // for a busy CI machine.
  const moves = Object.values(timings).sort((a, b) => a - b);
  expect(moves).toHaveLength(3);
  expect(moves[1], `median of ${JSON.stringify(timings)}`).toBeLessThan(100);
  for (const [what, ms] of Object.entries(timings)) expect(ms, what).toBeLessThan(250);
});

async function withItem(id: string) {
  const opened = await openConsoleStore();
  try {
    return await getReviewItem(opened.store, { transactionId: id });
  } finally {
    await opened.close();
  }
}

/** Gives back the claims the walkthrough still holds, so the chip slice is left as found (less the decisions). */
async function releaseAll(ids: string[]): Promise<void> {
  const opened = await openConsoleStore();
  try {
    for (const id of ids) {
      const item = await getReviewItem(opened.store, { transactionId: id });
      if (item?.assignee === ANALYST && (item.status === 'open' || item.status === 'escalated'))
        await releaseClaim(opened.store, {
          transactionId: id,
          version: item.version,
          analyst: ANALYST,
        }).catch(() => undefined);
    }
  } finally {
    await opened.close();
  }
}
