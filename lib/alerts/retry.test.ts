import { describe, expect, test } from 'vitest';

import { backoffMs, parseRetryAfter, withRetries, type AttemptOutcome, type RetryPolicy } from './retry';

const policy: RetryPolicy = {
  maxAttempts: 5,
  attemptTimeoutMs: 100,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 30_000,
};

function deps(random = () => 0.5) {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms), random };
}

/** An attempt that plays `outcomes` in order. */
const play = (outcomes: AttemptOutcome[]) => {
  let i = 0;
  return async () => outcomes[i++] ?? { ok: true as const };
};
const fail = (retryable: boolean, extra: Partial<AttemptOutcome> = {}): AttemptOutcome =>
  ({
    ok: false,
    retryable,
    error: 'boom',
    ...extra,
  }) as AttemptOutcome;

describe('retry loop', () => {
  test('exponential backoff with jitter between ½ and 1 of the ceiling, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(policy, n, () => 0))).toEqual([250, 500, 1000, 2000, 2000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(policy, n, () => 0.999999))).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
  });

  test('retries retryable failures up to maxAttempts, then gives up with the last error', async () => {
    const d = deps();
    const r = await withRetries(
      d,
      policy,
      play([fail(true), fail(true), fail(true), fail(true), fail(true)]),
    );
    expect(r).toEqual({ ok: false, attempts: 5, error: 'boom (gave up after 5 attempts)' });
    expect(d.sleeps).toEqual([375, 750, 1500, 3000]);
  });

  test('succeeds on a later attempt; permanent failures stop at once', async () => {
    const d = deps();
    expect(await withRetries(d, policy, play([fail(true), fail(true), { ok: true }]))).toEqual({
      ok: true,
      attempts: 3,
    });
    const p = deps();
    expect(await withRetries(p, policy, play([fail(false)]))).toEqual({
      ok: false,
      attempts: 1,
      error: 'boom (not retried)',
    });
    expect(p.sleeps).toEqual([]);
  });

  test('Retry-After wins over a shorter backoff; one beyond the limit is given up on', async () => {
    const d = deps();
    await withRetries(
      d,
      policy,
      play([fail(true, { retryAfterMs: 7_000 }), fail(true, { retryAfterMs: 10 })]),
    );
    expect(d.sleeps).toEqual([7_000, 750]);
    const g = deps();
    const r = await withRetries(g, policy, play([fail(true, { retryAfterMs: 3_600_000 })]));
    expect(r).toEqual({
      ok: false,
      attempts: 1,
      error: 'boom; Retry-After 3600 s exceeds the 30 s limit (gave up)',
    });
    expect(g.sleeps).toEqual([]);
  });

  test('an attempt that hangs (ignoring its signal) is cut at the timeout and retried', async () => {
    const d = deps();
    let calls = 0;
    const signals: AbortSignal[] = [];
    const started = Date.now();
    const r = await withRetries(d, { ...policy, maxAttempts: 2 }, (signal) => {
      calls++;
      signals.push(signal);
      return calls === 1 ? new Promise<AttemptOutcome>(() => {}) : Promise.resolve({ ok: true });
    });
    expect(r).toEqual({ ok: true, attempts: 2 });
    expect(signals[0]?.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test('a throwing attempt counts as retryable', async () => {
    const d = deps();
    let calls = 0;
    const r = await withRetries(d, policy, async () => {
      if (++calls < 3) throw new Error('socket hang up');
      return { ok: true };
    });
    expect(r).toEqual({ ok: true, attempts: 3 });
  });

  test('Retry-After parsing: seconds, HTTP date, garbage', () => {
    const now = Date.parse('2025-03-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 28 Feb 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
