// Logging a failure while a page, panel or server action is being served: one structured line with
// the request id (from the header proxy.ts set) and what was being done, and the id handed back so
// the page can show it in its error banner. Details stay in the log; the page says what to do.
import 'server-only';

import { headers } from 'next/headers';

import { logger } from './logger';
import { isRequestId, REQUEST_ID_HEADER } from './request-id';

/** The current request's id, or null outside a request (or when it did not pass through proxy.ts). */
export async function currentRequestId(): Promise<string | null> {
  try {
    const id = (await headers()).get(REQUEST_ID_HEADER);
    return isRequestId(id) ? id : null;
  } catch {
    // headers() throws outside a request scope (a script, a prerender): there is no request to name.
    return null;
  }
}

/**
 * Logs `error` at error level as `what` (a sentence naming the failed step) with `context` (ids, not
 * personal data) and the request id, and returns that id for the banner.
 */
export async function logServerError(
  error: unknown,
  what: string,
  context: Record<string, string | number | boolean | undefined> = {},
): Promise<string | null> {
  const requestId = await currentRequestId();
  logger.error({ err: error, requestId, ...context }, what);
  return requestId;
}
