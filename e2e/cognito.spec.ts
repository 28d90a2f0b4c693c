// Sign-in in Cognito mode, through next-auth's real Cognito provider against the local OIDC issuer
// (e2e/support/oidc-issuer.ts): roles come from the ID token's `cognito:groups`, an account in none of
// the console's groups is refused with a message, and the local demo sign-in does not exist.
import { expect, test, type Page } from '@playwright/test';

import { ROLE_LABELS } from '@/lib/auth/roles';

import { COGNITO_ACCOUNTS, SERVERS, type CognitoAccount } from './fixtures';
import { OIDC_ISSUER } from './fixtures/servers';

const BASE = SERVERS.cognito.baseURL;

async function signInAtIssuer(page: Page, account: CognitoAccount): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(`${BASE}/signin?callbackUrl=%2F`);
  await page.getByRole('button', { name: 'Sign in with company account' }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER.url}/interaction/`));
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function session(page: Page): Promise<Record<string, unknown>> {
  const response = await page.request.get('/api/auth/session');
  expect(response.status()).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

test('offers the company sign-in and no local form', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in with company account' })).toBeVisible();
  await expect(page.getByText('Local demo sign-in')).toHaveCount(0);
  await expect(page.getByLabel('Username')).toHaveCount(0);
  await expect(page.getByLabel('Password')).toHaveCount(0);

  // next-auth serves the Cognito provider only: posting demo credentials to the local one signs no one in.
  const providers = await page.request.get('/api/auth/providers');
  expect(Object.keys((await providers.json()) as object)).toEqual(['cognito']);
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await page.request.post('/api/auth/callback/local', {
    form: { csrfToken, username: 'analyst', password: 'whatever', json: 'true' },
    maxRedirects: 0,
  });
  expect(await session(page)).toEqual({});
});

for (const account of COGNITO_ACCOUNTS) {
  const role = account.expectedRole;
  if (role === null) continue;
  test(`${account.username} in ${account.groups.join(' + ')} signs in as ${role} and out`, async ({
    page,
  }) => {
    await signInAtIssuer(page, account);

    await expect(page).toHaveURL(`${BASE}/`);
    const header = page.getByRole('banner');
    await expect(header.getByText(account.name, { exact: true })).toBeVisible();
    await expect(header.getByText(ROLE_LABELS[role], { exact: true })).toBeVisible();
    expect(await session(page)).toMatchObject({
      user: {
        name: account.name,
        email: account.email,
        roles: expect.arrayContaining([role]),
        provider: 'cognito',
      },
    });

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect(await session(page)).toEqual({});
  });
}

for (const account of COGNITO_ACCOUNTS.filter((a) => a.expectedRole === null)) {
  test(`${account.username} in no console group is refused`, async ({ page }) => {
    await signInAtIssuer(page, account);

    await expect(page).toHaveURL(new RegExp(`^${BASE}/signin\\?.*error=AccessDenied`));
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'Your account is not in an analyst, manager or admin group.' }),
    ).toBeVisible();
    expect(await session(page)).toEqual({});
    const home = await page.request.get('/', { maxRedirects: 0 });
    expect(home.status()).toBe(307);
    expect(home.headers().location).toContain('/signin');
  });
}
