// Reads started together at the top of a page and awaited by each widget inside its own Suspense: a
// settled promise never rejects (no unhandled rejection while a widget has not awaited it yet) and
// carries what the widget's error state shows — a sentence in plain words and the request id the full
// error was logged under (lib/log/server-error.ts). Engine messages stay in the log.
import 'server-only';

import { AnalyticsError } from '@/lib/analytics/types';
import { logServerError } from '@/lib/log/server-error';

export interface Failure {
  /** What went wrong, for the reader: never an engine's own message. */
  error: string;
  requestId: string | null;
}

export type Settled<T> = { ok: true; value: T } | ({ ok: false } & Failure);

function describe(error: unknown): string {
  if (error instanceof AnalyticsError)
    return 'The analytics engine could not answer: the lake may be being rewritten, or the engine is misconfigured or unreachable.';
  if (error instanceof Error) {
    const timeouts = ['TimeoutError', 'AbortError'];
    if (timeouts.includes(error.name)) return 'The data source took too long to answer.';
    if (error.name === 'ResourceNotFoundException')
      return 'The review store’s tables were not found: the store may still be starting.';
  }
  return 'The data source failed. It may be starting up or unreachable.';
}

/** Derives a value from a settled read, passing a failure through unchanged. */
export async function mapSettled<T, U>(
  settled: Promise<Settled<T>>,
  fn: (value: T) => U,
): Promise<Settled<U>> {
  const result = await settled;
  return result.ok ? { ok: true, value: fn(result.value) } : result;
}

export function settle<T>(what: string, promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    async (error: unknown) => ({
      ok: false as const,
      error: describe(error),
      requestId: await logServerError(error, `risk page: reading ${what} failed`),
    }),
  );
}
