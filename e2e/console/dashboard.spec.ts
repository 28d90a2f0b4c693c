// The risk pages over the pipeline-seeded console data: a risk manager sees the dashboard's figures
// and charts (each with its table), the threshold what-if and drift, but cannot change the threshold;
// an admin changes the live threshold and finds the change in the audit trail (and in the store).
import { expect, test, type Locator, type Page } from '@playwright/test';

import { listAuditEvents } from '@/lib/store';

import { consoleSeedSummary, openConsoleStore, storageStateFor } from '../fixtures';
import { seriousAxeFindings } from '../support/axe';
import { saveScreenshot } from '../support/screenshots';

/** Opens a chart's table alternative and returns its body rows. */
async function tableRows(figure: Locator): Promise<Locator> {
  await figure.getByText('Show the numbers as a table').click();
  return figure
    .getByRole('table')
    .getByRole('row')
    .filter({ has: figure.page().getByRole('cell') });
}

/**
 * A chart is drawn, in colour: Tremor's SVG holds shapes whose fill or stroke is a real colour (its
 * colour classes must be in the Tailwind safelist, or the series render black).
 */
async function expectChart(figure: Locator): Promise<void> {
  await expect(figure.locator('svg').first()).toBeVisible();
  const colours = await figure.locator('svg path, svg rect').evaluateAll((shapes) =>
    shapes.flatMap((s) => {
      const style = getComputedStyle(s);
      return [style.fill, style.stroke];
    }),
  );
  const coloured = colours.filter((c) => /^rgb/.test(c) && !/^rgba?\(0, 0, 0(, 1)?\)$/.test(c));
  const greys = new Set(['rgb(229, 231, 235)', 'rgb(255, 255, 255)', 'rgb(209, 213, 219)']);
  expect(coloured.filter((c) => !greys.has(c)).length, 'series drawn in a colour').toBeGreaterThan(0);
}

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });

/**
 * No serious axe finding at 1280×800, nothing overflowing sideways at either desktop size, and the
 * README's screenshots at both (written only with UPDATE_SCREENSHOTS=1), scrolled so `anchor` sits
 * under the sticky header: the figures rather than the page title.
 */
async function checkAndCapture(page: Page, name: string, anchor: Locator): Promise<void> {
  const sideways = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const scrollToAnchor = () =>
    anchor.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await seriousAxeFindings(page), `axe findings on ${name}`).toEqual([]);
  expect(await sideways(), `${name} overflows sideways at 1280×800`).toBe(0);
  // The tables the test opened would cover the charts in the screenshots.
  await page.evaluate(() =>
    document.querySelectorAll('details[open]').forEach((d) => d.removeAttribute('open')),
  );
  await scrollToAnchor();
  await saveScreenshot(page, `${name}.png`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await sideways(), `${name} overflows sideways at 1920×1080`).toBe(0);
  await scrollToAnchor();
  await saveScreenshot(page, `${name}-1920x1080.png`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('as a risk manager', () => {
  test.use({ storageState: storageStateFor('manager') });

  test('the dashboard shows the lake per day, review outcomes and breakdowns', async ({ page }) => {
    const seed = await consoleSeedSummary();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/dashboard');

    await expect(page.getByRole('heading', { level: 1, name: 'Risk dashboard' })).toBeVisible();
    const kpis = figure(page, 'Transactions and fraud in this range');
    // The default range is the last 30 days with data: the whole 14-day seed.
    await expect(kpis.getByRole('group', { name: 'Transactions' })).toContainText(
      seed.accepted.toLocaleString('en-US'),
    );
    await expect(kpis.getByRole('group', { name: 'Fraud rate' })).toContainText('%');

    const perDay = figure(page, 'Transactions per day');
    await expectChart(perDay);
    await expect(await tableRows(perDay)).toHaveCount(seed.days);
    await expectChart(figure(page, 'Flagged and fraud rate per day'));
    await expectChart(figure(page, 'Share of fraud the threshold catches'));

    const reviews = figure(page, 'Review outcomes');
    await expect(reviews.getByRole('group', { name: 'Alert precision' })).toBeVisible();
    await expect(reviews.getByRole('group', { name: 'Backlog' })).toContainText(/\d/);

    const patterns = figure(page, 'Fraud by fraud pattern');
    await expectChart(patterns);
    expect(await (await tableRows(patterns)).count()).toBeGreaterThan(1);
    await expect(figure(page, 'Fraud by merchant category')).toBeVisible();
    await checkAndCapture(page, 'dashboard', kpis);
  });

  test('a range without data says so, and a malformed date is reported', async ({ page }) => {
    await page.goto('/dashboard?from=2020-01-01&to=2020-01-31');
    await expect(page.getByRole('heading', { name: 'No transactions in this range' })).toBeVisible();
    await page.goto('/dashboard?from=yesterday');
    await expect(page.getByRole('status').filter({ hasText: 'Not understood' })).toContainText(
      'from=yesterday',
    );
    await expect(figure(page, 'Transactions per day')).toBeVisible();
  });

  test('the threshold what-if marks the live threshold; a manager cannot change it', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/dashboard/threshold?minutes=10');

    await expect(page.getByRole('heading', { level: 1, name: 'Threshold what-if' })).toBeVisible();
    const atLive = figure(page, 'At the live threshold');
    await expect(atLive).toContainText('10 min per review');
    await expect(atLive.getByRole('group', { name: 'Alerts per day' })).toContainText(/\d/);
    const quality = figure(page, 'Precision and recall as the threshold moves');
    await expectChart(quality);
    await expect(quality.getByText(/^Live \d/)).toBeVisible();
    const rows = await tableRows(quality);
    await expect(rows.filter({ hasText: '(live)' })).toHaveCount(1);
    await expectChart(figure(page, 'Alerts and analyst hours as the threshold moves'));

    await expect(page.getByText('Only admins can change the live threshold.')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Change the live threshold' })).toHaveCount(0);
    await checkAndCapture(page, 'threshold', figure(page, 'Live threshold'));
  });

  test('drift names its reference window and gives PSI for the score and every input', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/dashboard/drift');

    await expect(page.getByRole('heading', { level: 1, name: 'Drift and model health' })).toBeVisible();
    // The seed (March 2025, 14 days) does not hold the model's training window before its last week.
    await expect(page.getByTestId('drift-reference')).toContainText('earliest 7 days with data');
    await expect(figure(page, 'Score distribution (PSI)')).toContainText(/PSI \d\.\d{3}/);
    const inputs = figure(page, 'Model inputs (PSI per feature)');
    await expectChart(inputs);
    expect(await (await tableRows(inputs)).count()).toBeGreaterThan(10);
    await expect(figure(page, 'Attribution drift')).toContainText('items sampled');
    await expect(figure(page, 'Overturned decisions')).toBeVisible();
    await checkAndCapture(page, 'drift', page.getByText(/^(Drift warning|No drift above PSI)/).first());
  });
});

test.describe('as an admin', () => {
  test.use({ storageState: storageStateFor('admin') });

  test('changes the live threshold and finds the change in the audit trail', async ({ page }) => {
    await page.goto('/dashboard/threshold');
    const form = page.getByRole('form', { name: 'Change the live threshold' });
    const input = form.getByLabel('New threshold (%)');
    const before = Number(await input.inputValue());
    // A value no other spec uses, so the assertions below can only be about this change.
    const next = Number((before + 0.37).toFixed(2));

    await input.fill(String(next));
    await form.getByLabel('Reason (kept in the audit trail)').fill('e2e: alert volume above capacity');
    await form.getByRole('button', { name: 'Set live threshold' }).click();
    await expect(form.getByRole('status')).toContainText(`The live threshold is now ${next}%`);

    const history = figure(page, 'Threshold changes (audit trail)');
    const newest = history.getByRole('row').nth(1);
    await expect(newest).toContainText('admin (local)');
    await expect(newest).toContainText(`${next}%`);
    await expect(newest).toContainText('e2e: alert volume above capacity');
    await expect(figure(page, 'Live threshold')).toContainText(`${next}%`);

    // The audit trail in the store holds the event, for the served model.
    const opened = await openConsoleStore();
    try {
      const seed = await consoleSeedSummary();
      const { items } = await listAuditEvents(opened.store, { action: 'threshold_changed', limit: 5 });
      const event = items.find(
        (e) => e.action === 'threshold_changed' && e.details.note?.startsWith('e2e: alert'),
      );
      expect(event).toMatchObject({ actor: 'admin (local)', details: { model_version: seed.modelVersion } });
      if (event?.action === 'threshold_changed') expect(event.details.to).toBeCloseTo(next / 100, 8);
    } finally {
      await opened.close();
    }

    // Put it back (another change, not an erasure: the trail is append-only).
    await page.reload();
    await form.getByLabel('New threshold (%)').fill(String(before));
    await form.getByLabel('Reason (kept in the audit trail)').fill('e2e: restore');
    await form.getByRole('button', { name: 'Set live threshold' }).click();
    await expect(form.getByRole('status')).toContainText(`The live threshold is now ${before}%`);
  });
});
