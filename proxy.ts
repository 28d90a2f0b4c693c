// Sends signed-out visitors to sign-in before any page renders (API calls get a 401 instead). This is
// a convenience: every page, route handler and server action checks the session and role itself.
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

import { authConfigFromEnv } from '@/lib/auth/config';
import { authSecret } from '@/lib/auth/secret';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const secret = authSecret(authConfigFromEnv());
  const token = await getToken({ req: request, secret });
  if (token) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = '/signin';
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Public: sign-in, next-auth's own endpoints, the API-key scoring API, static assets.
  matcher: ['/((?!signin|api/auth|api/v1|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
