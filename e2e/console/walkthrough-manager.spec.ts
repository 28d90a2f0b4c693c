// A risk manager's round, signed in through the form: every section the role may use, then reading
// what the main ones say (the queue and an item, the dashboard, the threshold what-if, drift); a
// what-if on analyst time per review; the one thing the role may not do (change the live threshold)
// refused in place (no risk page is closed to managers); and sign-out. Read-only: nothing here
// changes the store.
import { expect, test, type Page } from '@playwright/test';

import { formatsFor } from '@/lib/format/formats';

import { consoleSeedSummary } from '../fixtures';
import { signInThroughForm, signOut, visitEverySection } from '../support/walkthrough';

/** The browser context's locale (Playwright's default, en-US), as the console negotiates it. */
const { formatCount } = formatsFor('en-US');

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

test('a risk manager reads the dashboard, tries a threshold what-if and checks drift', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const seed = await consoleSeedSummary();

  await test.step('signs in through the form', () => signInThroughForm(page, 'manager'));

  await test.step('every section the role may use opens from the header', () =>
    visitEverySection(page, 'manager'));

  await test.step('the queue and an item can be read', async () => {
    await section(page, 'Queue').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
    const first = page.getByRole('table', { name: 'Queue items' }).getByRole('row').nth(1).getByRole('link');
    const merchant = (await first.textContent())?.trim() ?? '';
    await first.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(` at ${merchant}`);
    await expect(page.getByRole('region', { name: 'Why the model flagged it', exact: true })).toBeVisible();
    await expect(section(page, 'Queue')).toHaveAttribute('aria-current', 'page');
  });

  await test.step('the dashboard: volume, fraud, review outcomes, each chart with its numbers', async () => {
    await section(page, 'Dashboard').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Risk dashboard' })).toBeVisible();
    const kpis = figure(page, 'Transactions and fraud in this range');
    await expect(kpis.getByRole('group', { name: 'Transactions' })).toContainText(formatCount(seed.accepted));
    await expect(kpis.getByRole('group', { name: 'Fraud rate' })).toContainText('%');
    const perDay = figure(page, 'Transactions per day');
    await perDay.getByText('Show the numbers as a table').click();
    await expect(
      perDay
        .getByRole('table')
        .getByRole('row')
        .filter({ has: page.getByRole('cell') }),
    ).toHaveCount(seed.days);
    const reviews = figure(page, 'Review outcomes');
    await expect(reviews.getByRole('group', { name: 'Alert precision' })).toBeVisible();
    await expect(reviews.getByRole('group', { name: 'Backlog' })).toContainText(/\d/);
    await expect(figure(page, 'Fraud by fraud pattern')).toBeVisible();
  });

  await test.step('the threshold what-if follows a change of analyst time per review', async () => {
    await section(page, 'Threshold').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Threshold what-if' })).toBeVisible();
    const atLive = figure(page, 'At the live threshold');
    const hours = atLive.getByRole('group', { name: 'Analyst hours per day' });
    await expect(atLive).toContainText('5 min per review');
    const atFive = (await hours.textContent()) ?? '';

    await page.getByLabel('Minutes per review').fill('10');
    await page.getByRole('form', { name: 'Day range' }).getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/[?&]minutes=10(&|$)/);
    await expect(atLive).toContainText('10 min per review');
    await expect(hours).not.toHaveText(atFive);

    const quality = figure(page, 'Precision and recall as the threshold moves');
    await expect(quality.getByText(/^Live \d/)).toBeVisible();
    await quality.getByText('Show the numbers as a table').click();
    await expect(quality.getByRole('row').filter({ hasText: '(live)' })).toHaveCount(1);
  });

  await test.step('changing the live threshold is refused in place: admins only', async () => {
    await expect(page.getByText('Only admins can change the live threshold.')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Change the live threshold' })).toHaveCount(0);
  });

  await test.step('drift names its reference window and scores every input', async () => {
    await section(page, 'Drift').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Drift and model health' })).toBeVisible();
    await expect(page.getByTestId('drift-reference')).toContainText('earliest 7 days with data');
    await expect(figure(page, 'Score distribution (PSI)')).toContainText(/PSI \d\.\d{3}/);
    const inputs = figure(page, 'Model inputs (PSI per feature)');
    await inputs.getByText('Show the numbers as a table').click();
    expect(
      await inputs
        .getByRole('table')
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .count(),
    ).toBeGreaterThan(10);
    await expect(figure(page, 'Attribution drift')).toContainText('items sampled');
  });

  await test.step('signs out', () => signOut(page));
});
