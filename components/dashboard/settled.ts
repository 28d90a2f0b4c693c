// Reads started together at the top of a page and awaited by each widget inside its own Suspense: a
// settled promise never rejects (no unhandled rejection while a widget has not awaited it yet) and
// carries a message the widget's error state can show; the full error goes to the server log.
import { AnalyticsError } from '@/lib/analytics/types';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

function describe(error: unknown): string {
  if (error instanceof AnalyticsError) return error.message.slice(0, 400);
  if (error instanceof Error) {
    // Store and network failures: the kind is useful, internals (endpoints, stack) are for the log.
    const known = ['TimeoutError', 'AbortError', 'ResourceNotFoundException', 'ZodError'];
    if (known.includes(error.name)) return `${error.name}: the data source did not answer properly.`;
    return `The data source failed (${error.name}). It may be starting up or unreachable.`;
  }
  return 'An unexpected error occurred.';
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
    (error: unknown) => {
      console.error(`dashboard: reading ${what} failed`, error);
      return { ok: false as const, error: describe(error) };
    },
  );
}
