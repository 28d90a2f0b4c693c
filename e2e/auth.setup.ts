// The setup project: signs each demo role in once through the real local sign-in form and saves the
// browser state to e2e/.auth/<role>.json, which specs reuse (`storageStateFor(role)`). The servers
// share a session secret, so the state works on the lake, empty-lake and console servers alike.
import { expect, test as setup } from '@playwright/test';

import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';

import { E2E_USERS, storageStateFor } from './fixtures';
import { submitLocalSignIn } from './support/sign-in';

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = E2E_USERS[role];
    await page.goto('/signin');
    await submitLocalSignIn(page, user);

    await page.waitForURL('/', { timeout: 15_000 });
    const header = page.getByRole('banner');
    await expect(header.getByText(user.name, { exact: true })).toBeVisible();
    await expect(header.getByText(`${ROLE_LABELS[role]} · local demo`, { exact: true })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
