// The delivery retry loop shared by every channel: a timeout per attempt, bounded attempts,
// exponential backoff with jitter, Retry-After honoured, and permanent failures not retried. The
// channel only classifies one attempt; the loop decides whether and when to try again. Sleep and
// randomness are injected so tests run the whole schedule without waiting for it.

export interface RetryPolicy {
  /** Attempts including the first. */
  maxAttempts: number;
  /** Each attempt is abandoned (and counted as retryable) after this long. */
  attemptTimeoutMs: number;
  /** The backoff before retry n is drawn from [½, 1] × min(maxDelayMs, baseDelayMs × 2^(n-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A receiver asking to wait longer than this is given up on rather than waited for. */
  maxRetryAfterMs: number;
}

/** Worst case per channel: 4 × 5 s timeouts + 0.5 + 1 + 2 s backoff ≈ 23.5 s (more only if Retry-After). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  attemptTimeoutMs: 5_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** One attempt's result, classified by the channel. */
export type AttemptOutcome =
  | { ok: true }
  | {
      ok: false;
      retryable: boolean;
      error: string;
      /** From Retry-After, when the receiver sent one. */ retryAfterMs?: number;
    };

export interface RetryResult {
  ok: boolean;
  attempts: number;
  /** The last attempt's error, when not ok. */
  error?: string;
}

export interface RetryDeps {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1); Math.random in production. */
  random(): number;
}

/** The error text stored on the alert is bounded (schema: 2,000 chars); keep the useful head. */
export const clipError = (text: string): string => (text.length > 500 ? `${text.slice(0, 497)}...` : text);

export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  // "Equal jitter": spreads retries of many senders apart without ever collapsing to an instant retry.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `nowMs`; undefined if absent or garbage. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

/** Runs one attempt with an abort signal that fires, and a race that ends, at the timeout. */
async function timed(
  ms: number,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome>,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AttemptTimeout(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    // The race covers an attempt that ignores its signal: the loop moves on either way.
    return await Promise.race([attempt(controller.signal), timeout]);
  } catch (error) {
    if (error instanceof AttemptTimeout || controller.signal.aborted)
      return { ok: false, retryable: true, error: `timed out after ${ms} ms` };
    return { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Never throws: every failure ends as `{ ok: false, attempts, error }`. */
export async function withRetries(
  deps: RetryDeps,
  policy: RetryPolicy,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome>,
): Promise<RetryResult> {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let n = 1; ; n++) {
    const outcome = await timed(policy.attemptTimeoutMs, attempt);
    if (outcome.ok) return { ok: true, attempts: n };
    if (!outcome.retryable)
      return { ok: false, attempts: n, error: clipError(`${outcome.error} (not retried)`) };
    if (n >= maxAttempts)
      return { ok: false, attempts: n, error: clipError(`${outcome.error} (gave up after ${n} attempts)`) };
    const retryAfter = outcome.retryAfterMs;
    if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
      return {
        ok: false,
        attempts: n,
        error: clipError(
          `${outcome.error}; Retry-After ${Math.ceil(retryAfter / 1000)} s exceeds the ` +
            `${Math.ceil(policy.maxRetryAfterMs / 1000)} s limit (gave up)`,
        ),
      };
    }
    await deps.sleep(Math.max(backoffMs(policy, n, deps.random), retryAfter ?? 0));
  }
}
