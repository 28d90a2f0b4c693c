// The home page of a server whose data dir holds no lake, signed in as a risk manager: an empty state
// that says how to make one.
import { expect, test } from '@playwright/test';

import { E2E_USERS, storageStateFor } from './fixtures';
import { saveScreenshot } from './support/screenshots';

test.use({ storageState: storageStateFor('manager') });

test('explains how to create a lake when there is none', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header.getByText(E2E_USERS.manager.name, { exact: true })).toBeVisible();
  await expect(header.getByText('Risk manager · local demo', { exact: true })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const lake = page.getByRole('region', { name: 'Data lake' });

  await expect(lake.getByRole('heading', { name: 'No transactions in the data lake yet' })).toBeVisible();
  for (const command of ['npm start', 'npm run simulate', 'npm run lake:build']) {
    await expect(lake.getByText(command, { exact: true })).toBeVisible();
  }
  await expect(lake.getByRole('group', { name: 'Transactions' })).toHaveCount(0);
  await expect(lake.getByRole('figure')).toHaveCount(0);

  await saveScreenshot(page, 'home-empty-1280x800.png');
});
