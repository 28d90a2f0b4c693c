// The access matrix: every page, route handler and server action in e2e/fixtures/access.ts, for a
// signed-out visitor, a forged session and each role, over plain HTTP with that viewer's cookies.
// Refusals must come from the server (a redirect to /signin or /forbidden, a 401/403 JSON answer, a
// refused action result) and must not contain what the page or route shows to the roles it is for.
import {
  expect,
  test,
  type APIRequest,
  type APIRequestContext,
  type PlaywrightWorkerArgs,
} from '@playwright/test';
import { encode } from 'next-auth/jwt';

import { can, ROLES, type Role } from '@/lib/auth/roles';

import {
  ACTIONS,
  CONSOLE_BASE_URL,
  E2E_API_KEY,
  PAGES,
  ROUTES,
  STORAGE_STATE,
  type PageRow,
} from './fixtures';
import { actionResultCode, callServerAction } from './support/server-actions';

type StorageState = NonNullable<NonNullable<Parameters<APIRequest['newContext']>[0]>['storageState']>;

interface Viewer {
  label: string;
  /** The role the server must see; null when it must treat the viewer as signed out. */
  role: Role | null;
  storageState?: () => Promise<StorageState>;
}

/** An admin session cookie signed with a key the server does not hold: must count as signed out. */
async function forgedAdminSession(): Promise<StorageState> {
  const value = await encode({
    token: { sub: 'local:admin', name: 'Forged Admin', roles: ['admin'], provider: 'local' },
    secret: 'not-the-servers-secret-0123456789abcdef',
  });
  const { hostname } = new URL(CONSOLE_BASE_URL);
  const cookie = { name: 'next-auth.session-token', value, domain: hostname, path: '/', expires: -1 };
  return { cookies: [{ ...cookie, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] };
}

const VIEWERS: readonly Viewer[] = [
  { label: 'signed out', role: null },
  { label: 'a forged admin session', role: null, storageState: forgedAdminSession },
  ...ROLES.map((role) => ({ label: role, role, storageState: async () => STORAGE_STATE[role] })),
];

const decoded = (url: URL) => ({ path: url.pathname, query: [...url.searchParams] });

type PageExpectation = { shown: true } | { shown: false; redirect: string; callbackUrl?: string };

function expectedPage(row: PageRow, role: Role | null): PageExpectation {
  if (role === null) {
    return row.audience === 'anyone'
      ? { shown: true }
      : { shown: false, redirect: '/signin', callbackUrl: row.path };
  }
  if (row.signedInRedirect) return { shown: false, redirect: row.signedInRedirect };
  if (row.audience === 'anyone' || row.audience === 'signed-in' || can([role], row.audience))
    return { shown: true };
  return { shown: false, redirect: `/forbidden?need=${row.audience}` };
}

/** A request context carrying the viewer's session cookie (none when signed out). */
async function contextFor(
  playwright: PlaywrightWorkerArgs['playwright'],
  viewer: Viewer,
): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL: CONSOLE_BASE_URL,
    ...(viewer.storageState ? { storageState: await viewer.storageState() } : {}),
  });
}

for (const viewer of VIEWERS) {
  test.describe(`as ${viewer.label}`, () => {
    let api: APIRequestContext;
    test.beforeAll(async ({ playwright }) => {
      api = await contextFor(playwright, viewer);
    });
    test.afterAll(async () => {
      await api.dispose();
    });

    for (const row of PAGES) {
      test(`page ${row.path}`, async () => {
        const expected = expectedPage(row, viewer.role);
        const response = await api.get(row.path, { maxRedirects: 0 });
        const html = await response.text();
        if (expected.shown) {
          expect(response.status()).toBe(200);
          expect(html).toContain(row.shows);
          return;
        }
        expect(response.status(), `${row.path} redirects`).toBe(307);
        const location = new URL(response.headers().location ?? '', CONSOLE_BASE_URL);
        expect(location.origin).toBe(CONSOLE_BASE_URL);
        const target = new URL(expected.redirect, CONSOLE_BASE_URL);
        expect(location.pathname).toBe(target.pathname);
        for (const [key, value] of target.searchParams) expect(location.searchParams.get(key)).toBe(value);
        if (expected.callbackUrl) {
          // The proxy may re-encode the query (`:` as %3A): compare the decoded path and parameters.
          const back = new URL(location.searchParams.get('callbackUrl') ?? '', CONSOLE_BASE_URL);
          expect(decoded(back)).toEqual(decoded(new URL(expected.callbackUrl, CONSOLE_BASE_URL)));
        }
        expect(html, 'a refusal carries none of the page').not.toContain(row.shows);
      });
    }

    for (const row of ROUTES) {
      test(`route ${row.method} ${row.path}`, async () => {
        const response = await api.fetch(row.path, {
          method: row.method,
          ...(row.body === undefined ? {} : { data: row.body }),
          maxRedirects: 0,
        });
        const body = await response.text();
        const permitted =
          row.audience !== 'api-key' && viewer.role !== null && can([viewer.role], row.audience);
        if (permitted) {
          expect([401, 403]).not.toContain(response.status());
          if (row.shows) expect(body).toContain(row.shows);
          return;
        }
        // Sessions never open the API-key API; elsewhere, signed out is 401 and a missing role 403.
        const status = row.audience === 'api-key' || viewer.role === null ? 401 : 403;
        expect(response.status()).toBe(status);
        expect(response.headers()['content-type']).toMatch(/json/);
        if (row.shows) expect(body).not.toContain(row.shows);
        if (row.audience === 'api-key' && !viewer.storageState) {
          const keyed = await api.fetch(row.path, {
            method: row.method,
            headers: { 'x-api-key': E2E_API_KEY },
            ...(row.body === undefined ? {} : { data: row.body }),
          });
          expect(keyed.status(), 'the API key opens the route').not.toBe(401);
        }
      });
    }

    for (const row of ACTIONS) {
      test(`action ${row.action}`, async () => {
        const response = await callServerAction(api, CONSOLE_BASE_URL, row.path, row.action, row.input);
        const body = await response.text();
        if (viewer.role === null) {
          // The proxy turns a signed-out POST away before the action runs.
          expect(response.status()).toBe(307);
          expect(response.headers().location).toContain('/signin');
          return;
        }
        expect(response.status()).toBe(200);
        const code = actionResultCode(body);
        expect(code).toBe(can([viewer.role], row.audience) ? 'invalid' : 'forbidden');
      });
    }
  });
}
