// Local sign-in through the UI on the console server: each role signs in and out, a wrong password is
// refused with a message, a signed-out visit comes back to its page after sign-in, and a callbackUrl
// pointing off-site is ignored (lib/auth/redirect.ts).
import { expect, test, type Page } from '@playwright/test';

import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';

import { CONSOLE_BASE_URL, E2E_USERS } from './fixtures';
import { submitLocalSignIn } from './support/sign-in';

/** The session as next-auth reports it to the browser: `{}` when signed out. */
async function session(page: Page): Promise<Record<string, unknown>> {
  const response = await page.request.get('/api/auth/session');
  expect(response.status()).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

for (const role of ROLES) {
  test(`${role} signs in and out through the form`, async ({ page }) => {
    const user = E2E_USERS[role];
    await page.goto('/');
    await expect(page).toHaveURL(`${CONSOLE_BASE_URL}/signin?callbackUrl=%2F`);
    await expect(page.getByText('Local demo sign-in.')).toBeVisible();

    await submitLocalSignIn(page, user);
    await expect(page).toHaveURL(`${CONSOLE_BASE_URL}/`);
    const header = page.getByRole('banner');
    await expect(header.getByText(user.name, { exact: true })).toBeVisible();
    await expect(header.getByText(`${ROLE_LABELS[role]} · local demo`, { exact: true })).toBeVisible();
    expect(await session(page)).toMatchObject({
      user: { name: user.name, roles: [role], provider: 'local' },
    });

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    expect(await session(page)).toEqual({});
    const home = await page.request.get('/', { maxRedirects: 0 });
    expect(home.status()).toBe(307);
    expect(home.headers().location).toContain('/signin');
  });
}

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/signin');
  await submitLocalSignIn(page, { username: 'analyst', password: 'not-the-password' });

  await expect(
    page.getByRole('alert').filter({ hasText: 'That username and password do not match a demo user.' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  expect(await session(page)).toEqual({});
  // The same message for a user that does not exist: the form does not reveal which usernames exist.
  await submitLocalSignIn(page, { username: 'nobody', password: 'not-the-password' });
  await expect(
    page.getByRole('alert').filter({ hasText: 'That username and password do not match a demo user.' }),
  ).toBeVisible();
  expect(await session(page)).toEqual({});
});

test('a signed-out visit comes back to its page after sign-in', async ({ page }) => {
  await page.goto('/forbidden?need=analytics:read');
  const signIn = new URL(page.url());
  expect(signIn.pathname).toBe('/signin');
  // The proxy may re-encode the query (`:` as %3A): compare what the page reads, not the spelling.
  const callback = new URL(signIn.searchParams.get('callbackUrl') ?? '', CONSOLE_BASE_URL);
  expect([callback.pathname, callback.searchParams.get('need')]).toEqual(['/forbidden', 'analytics:read']);

  await submitLocalSignIn(page, E2E_USERS.analyst);
  await expect(page).toHaveURL((url) => url.pathname === '/forbidden');
  expect(new URL(page.url()).searchParams.get('need')).toBe('analytics:read');
  await expect(page.getByText('It needs the Risk manager role or higher')).toBeVisible();
});

for (const external of [
  'https://evil.example/collect',
  '//evil.example/collect',
  '/\\evil.example/collect',
]) {
  test(`refuses the external callbackUrl ${external}`, async ({ page }) => {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(external)}`);
    await submitLocalSignIn(page, E2E_USERS.manager);

    await expect(page).toHaveURL(`${CONSOLE_BASE_URL}/`);
    await expect(page.getByRole('banner').getByText(E2E_USERS.manager.name, { exact: true })).toBeVisible();
  });
}
