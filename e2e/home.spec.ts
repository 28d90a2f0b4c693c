// The home page over the seeded e2e lake, signed in as an analyst: product identity, who is signed in,
// and the lake numbers a user reads off the page (see e2e/fixtures/lake.ts for the data behind them).
import { expect, test } from '@playwright/test';

import { E2E_USERS, storageStateFor } from './fixtures';

test.describe('home page with a lake', () => {
  test.use({ storageState: storageStateFor('analyst') });

  test('says what the product is and who is signed in', async ({ page }) => {
    await page.goto('/');

    await expect(page).toHaveTitle('Fraud Review Console');
    await expect(page.getByRole('heading', { level: 1, name: 'Fraud Review Console' })).toBeVisible();
    await expect(page.getByText(/queues the suspicious ones for analysts/)).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByText(E2E_USERS.analyst.name, { exact: true })).toBeVisible();
    await expect(header.getByText('Analyst · local demo', { exact: true })).toBeVisible();
    await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  });

  test('summarises the transactions in the lake', async ({ page }) => {
    await page.goto('/');
    const lake = page.getByRole('region', { name: 'Data lake' });

    await expect(lake.getByRole('group', { name: 'Transactions' })).toContainText('17,060');
    await expect(lake.getByRole('group', { name: 'Transactions' })).toContainText('1,219 per day on average');
    await expect(lake.getByRole('group', { name: 'Frauds' })).toContainText('140');
    await expect(lake.getByRole('group', { name: 'Fraud rate' })).toContainText('0.82%');
    await expect(lake.getByRole('group', { name: 'Days covered' })).toContainText('14');
    await expect(lake.getByRole('group', { name: 'Days covered' })).toContainText(
      'May 1 – May 15, 2024 · 1 without data',
    );
  });

  test('charts daily transactions and fraud rate', async ({ page }) => {
    await page.goto('/');
    const volume = page.getByRole('figure', { name: 'Daily transactions' });
    const rate = page.getByRole('figure', { name: 'Daily fraud rate' });

    // One bar per calendar day from the first to the last, including May 8 which has no data.
    await expect(volume.locator('.recharts-bar-rectangle')).toHaveCount(15);
    await expect(volume.getByText('May 1', { exact: true })).toBeVisible();
    await expect(rate.locator('.recharts-line')).toHaveCount(1);

    // Hovering a bar shows that day's count in the tooltip; the day without data reads as zero.
    const bars = volume.locator('.recharts-bar-rectangle');
    const tooltip = volume.locator('.recharts-tooltip-wrapper');
    await bars.first().hover();
    await expect(tooltip).toContainText('May 1');
    await expect(tooltip).toContainText('1,180');
    const may7 = await bars.nth(6).boundingBox();
    const may9 = await bars.nth(8).boundingBox();
    if (!may7 || !may9) throw new Error('bars for May 7 and May 9 are not rendered');
    await page.mouse.move((may7.x + may9.x + may9.width) / 2, may9.y + may9.height / 2);
    await expect(tooltip).toContainText('May 8');
    await expect(tooltip).toContainText(/Transactions\s*0$/);
  });

  test('renders without console errors or hydration warnings', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto('/');
    await expect(page.getByRole('figure', { name: 'Daily fraud rate' })).toBeVisible();
    await page.waitForLoadState('networkidle');

    expect(problems).toEqual([]);
  });

  test('sends security headers and no framework banner', async ({ request }) => {
    const response = await request.get('/');

    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['x-powered-by']).toBeUndefined();
  });
});
