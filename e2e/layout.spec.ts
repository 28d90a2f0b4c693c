// The home page at the two desktop sizes the console is designed for, signed in as an admin: nothing
// overflows sideways, the account fits in the header, the headline numbers sit above the fold, and the
// charts get Tremor's colours (they render black when the Tailwind safelist is missing).
import { expect, test } from '@playwright/test';

import { E2E_USERS, storageStateFor } from './fixtures';
import { saveScreenshot } from './support/screenshots';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

// Tailwind's blue-500 and rose-500, the colours the charts ask Tremor for.
const BLUE_500 = 'rgb(59, 130, 246)';
const ROSE_500 = 'rgb(244, 63, 94)';

test.use({ storageState: storageStateFor('admin') });

for (const viewport of VIEWPORTS) {
  test(`lays out the home page at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    const volume = page.getByRole('figure', { name: 'Daily transactions' });
    const rate = page.getByRole('figure', { name: 'Daily fraud rate' });
    await expect(volume.locator('.recharts-bar-rectangle')).toHaveCount(15);

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);

    // The account sits in the header's single row: name, role and sign-out.
    const header = page.getByRole('banner');
    await expect(header.getByText(E2E_USERS.admin.name, { exact: true })).toBeVisible();
    await expect(header.getByText('Admin · local demo', { exact: true })).toBeVisible();
    const signOut = await header.getByRole('button', { name: 'Sign out' }).boundingBox();
    const bar = await header.boundingBox();
    if (!signOut || !bar) throw new Error('header or sign-out button is not rendered');
    expect(signOut.y + signOut.height, 'sign-out fits in the header').toBeLessThanOrEqual(bar.y + bar.height);

    for (const label of ['Transactions', 'Frauds', 'Fraud rate', 'Days covered']) {
      const box = await page.getByRole('group', { name: label }).boundingBox();
      if (!box) throw new Error(`${label} card is not rendered`);
      expect(box.y + box.height, `${label} card is above the fold`).toBeLessThanOrEqual(viewport.height);
    }

    const barFill = await volume
      .locator('.recharts-bar-rectangle rect')
      .first()
      .evaluate((el) => getComputedStyle(el).fill);
    expect(barFill).toBe(BLUE_500);
    const lineStroke = await rate
      .locator('.recharts-line path')
      .first()
      .evaluate((el) => getComputedStyle(el).stroke);
    expect(lineStroke).toBe(ROSE_500);

    await saveScreenshot(page, `home-${viewport.width}x${viewport.height}.png`);
  });
}
