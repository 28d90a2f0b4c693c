// next-auth's endpoints (sign-in, callback, session, sign-out, CSRF). Options are built per process on
// the first request, not at import, so `next build` never reads sign-in settings.
import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';

import { authOptions } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const run = NextAuth(authOptions()) as (request: NextRequest, context: Context) => Promise<Response>;
  return run(request, context);
}

export { handler as GET, handler as POST };
