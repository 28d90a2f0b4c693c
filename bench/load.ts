// One bounded load run with autocannon: a fixed number of connections for a fixed time, each request
// with a fresh body from the caller (so transactions do not repeat and the feature state moves as in
// production). Latency percentiles are computed from every response's own time (autocannon's
// histogram keeps whole milliseconds, too coarse for a 5 ms target).
import autocannon from 'autocannon';

export interface LoadOptions {
  /** Full URL of the endpoint. */
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** The next request body; called once per request. */
  body: () => string;
}

export interface LoadResult {
  seconds: number;
  /** Responses received (any status). */
  responses: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  requestsPerSecond: number;
  /** Latency percentiles over every response, in milliseconds. */
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const started = performance.now();
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        headers: options.headers,
        requests: [{ setupRequest: (request) => ({ ...request, body: options.body() }) }],
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        // autocannon's own run time (connections open to last response); the wall clock as a fallback.
        const elapsed = result.duration > 0 ? result.duration : (performance.now() - started) / 1000;
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          seconds: elapsed,
          responses: latencies.length,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          requestsPerSecond: latencies.length / elapsed,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}
