// Signing in through the local demo form, as a person does: shared by the setup project and the
// sign-in specs so both exercise the same steps.
import type { Page } from '@playwright/test';

export interface Credentials {
  username: string;
  password: string;
}

/** Fills and submits the form on the current /signin page (the form then does a full page load). */
export async function submitLocalSignIn(page: Page, user: Credentials): Promise<void> {
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
