// Steps the role walkthroughs share: signing in through the form from a signed-out visit, signing out,
// and timing a keyboard move from one transaction page to the next as the browser lives it (key down
// to the next item's page painted), with performance marks in the page itself.
import { expect, type Page, type Request } from '@playwright/test';

import { NAV_ITEMS } from '@/components/app-shell/nav-items';
import { can, ROLE_LABELS, type Role } from '@/lib/auth/roles';

import { E2E_USERS } from '../fixtures';
import { submitLocalSignIn } from './sign-in';

/** A signed-out visit to `/` goes to the sign-in form; signing in there comes back home. */
export async function signInThroughForm(page: Page, role: Role): Promise<void> {
  const user = E2E_USERS[role];
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Local demo sign-in.')).toBeVisible();
  await submitLocalSignIn(page, user);
  await page.waitForURL((url) => url.pathname === '/', { timeout: 15_000 });
  const header = page.getByRole('banner');
  await expect(header.getByText(user.name, { exact: true })).toBeVisible();
  await expect(header.getByText(`${ROLE_LABELS[role]} · local demo`, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Fraud Review Console' })).toBeVisible();
}

/** Sign-out from the header ends the session: back on the form, and pages send there again. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await page.goto('/queue');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fqueue$/);
}

/** The section links the header offers, in order. */
export async function sectionLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents();
}

/**
 * Every section the header offers a role (as lib/auth/roles.ts grants them), opened one by one from the
 * header: each shows its title, is marked as the current section, and shows no error banner.
 */
export async function visitEverySection(page: Page, role: Role): Promise<void> {
  const allowed = NAV_ITEMS.filter((item) => can([role], item.permission));
  expect(await sectionLinks(page)).toEqual(allowed.map((item) => item.label));
  for (const item of allowed) {
    const link = page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: item.label, exact: true });
    await link.click();
    await page.waitForURL((url) => url.pathname === item.href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('alert').filter({ hasText: /could not be/ })).toHaveCount(0);
  }
}

/** The id a transaction page is about, from its breadcrumb. */
export async function itemIdOnPage(page: Page): Promise<string> {
  const id = await page.getByRole('navigation', { name: 'Breadcrumb' }).locator('.font-mono').textContent();
  if (!id) throw new Error('no transaction id in the breadcrumb');
  return id.trim();
}

/**
 * Records the page's RSC fetches (prefetches included) so a walkthrough can wait, as an analyst reading
 * the page would, until the browser holds the next item's page. Next cancels the rest of a prefetch
 * body it no longer needs (Chromium reports ERR_ABORTED), so "answered and no longer in flight" is
 * what counts; a refresh of the page shown empties that cache, so answers before it do not count.
 * Install before navigating.
 */
export function recordRscFetches(page: Page): (path: string) => Promise<void> {
  const inFlight = new Map<string, number>();
  const answered = new Set<string>();
  const pathOf = (url: string) => decodeURIComponent(new URL(url).pathname);
  const isRsc = (request: Request) => request.method() === 'GET' && request.headers()['rsc'] !== undefined;
  const settle = async (request: Request) => {
    if (!isRsc(request)) return;
    const path = pathOf(request.url());
    inFlight.set(path, Math.max(0, (inFlight.get(path) ?? 1) - 1));
    if ((await request.response())?.ok()) answered.add(path);
  };
  page.on('request', (request) => {
    if (!isRsc(request)) return;
    const path = pathOf(request.url());
    // Fetching the page being shown is a refresh, which empties the browser's prefetched pages.
    if (path === pathOf(page.url())) answered.clear();
    inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
  });
  page.on('requestfinished', (request) => void settle(request));
  page.on('requestfailed', (request) => void settle(request));
  return async (path: string) => {
    await expect
      .poll(() => answered.has(path) && (inFlight.get(path) ?? 0) === 0, {
        message: `the browser never prefetched ${path}`,
        timeout: 15_000,
      })
      .toBe(true);
    await page.waitForLoadState('networkidle');
  };
}

type TimingWindow = Window & { __triageTiming?: Promise<number> };

/**
 * Arms a timer in the page: it starts on the next keydown of `key` (captured before the app sees it)
 * and stops at the first animation frame after the breadcrumb names `targetId`, i.e. the frame that
 * paints the next item's page. Then press the key and read the result with `readKeyToRender`.
 */
export async function armKeyToRender(page: Page, key: string, targetId: string): Promise<void> {
  await page.evaluate(
    ([watchedKey, id]) => {
      const w = window as TimingWindow;
      w.__triageTiming = new Promise<number>((resolve) => {
        let started = false;
        const onKey = (event: KeyboardEvent) => {
          if (event.key !== watchedKey || started) return;
          started = true;
          performance.mark('walkthrough:key');
          const shown = () =>
            document.querySelector('nav[aria-label="Breadcrumb"] .font-mono')?.textContent?.trim() === id;
          const finish = () =>
            requestAnimationFrame(() => {
              performance.mark('walkthrough:rendered');
              resolve(
                performance.measure('walkthrough:next', 'walkthrough:key', 'walkthrough:rendered').duration,
              );
            });
          if (shown()) return finish();
          const observer = new MutationObserver(() => {
            if (!shown()) return;
            observer.disconnect();
            finish();
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        };
        window.addEventListener('keydown', onKey, { capture: true });
      });
    },
    [key, targetId] as const,
  );
}

/** The milliseconds the armed timer measured (bounded: fails if the next page never shows). */
export async function readKeyToRender(page: Page): Promise<number> {
  return page.evaluate(() =>
    Promise.race([
      (window as TimingWindow).__triageTiming ?? Promise.reject(new Error('timer not armed')),
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('next page not shown in 10 s')), 10_000),
      ),
    ]),
  );
}
