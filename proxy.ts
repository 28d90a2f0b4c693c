// Sends signed-out visitors to sign-in before any page renders (API calls get a 401 instead). This is
// a convenience: every page, route handler and server action checks the session and role itself.
// It also gives every page its Content-Security-Policy with a fresh script nonce (lib/security/csp.ts);
// API responses get next.config's static policy instead.
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

import { authConfigFromEnv } from '@/lib/auth/config';
import { authSecret } from '@/lib/auth/secret';
import { newRequestId, REQUEST_ID_HEADER } from '@/lib/log/request-id';
import { contentSecurityPolicy, newNonce } from '@/lib/security/csp';

/**
 * Lets the request through with the page's CSP. Next reads the nonce from the *request* header and
 * stamps it on its scripts; the response header is what the browser enforces.
 */
function pass(request: NextRequest, csp: string | null): NextResponse {
  const headers = new Headers(request.headers);
  // Request id (lib/log/request-id.ts): one per request, for the app's logs and its error banners, and
  // sent back so a user or an API client can quote it. Always made here, never taken from the client.
  const requestId = newRequestId();
  headers.set(REQUEST_ID_HEADER, requestId);
  if (csp !== null) headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  if (csp !== null) response.headers.set('content-security-policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const csp = pathname.startsWith('/api/')
    ? null
    : contentSecurityPolicy(newNonce(), {
        dev: process.env.NODE_ENV === 'development',
        https: (process.env.NEXTAUTH_URL ?? '').startsWith('https://'),
      });
  // Public, but matched so that it gets its nonce too.
  if (pathname === '/signin') return pass(request, csp);
  const secret = authSecret(authConfigFromEnv());
  const token = await getToken({ req: request, secret });
  if (token) return pass(request, csp);
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = '/signin';
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Public without a proxy: next-auth's own endpoints, the API-key scoring API, static assets.
  matcher: ['/((?!api/auth|api/v1|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
