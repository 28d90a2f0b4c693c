// What a server action answers when something it depends on fails unexpectedly (the review store down,
// the model unreadable): the failure is logged with the request id, and the user gets a sentence that
// says nothing was saved, what to do, and that id to quote. Never the error's own message.
import 'server-only';

import { fail, type ActionResult } from '@/lib/actions/safe-action';

import { logServerError } from './server-error';

/** Logs `error` as `what` and returns the action's failure carrying `message` and the request id. */
export async function failedAction(
  error: unknown,
  what: string,
  message: string,
  context: Record<string, string | number | boolean | undefined> = {},
): Promise<ActionResult<never>> {
  const requestId = await logServerError(error, what, context);
  return fail('error', requestId ? `${message} Request id ${requestId}.` : message);
}

/** The usual message: the store (or the model) did not answer, so nothing was recorded. */
export const NOTHING_SAVED = 'The review store did not answer, so nothing was saved. Try again in a moment.';
