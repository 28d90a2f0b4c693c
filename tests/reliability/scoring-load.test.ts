// Load at a fixed rate: autocannon drives the standalone scoring server (a child process) at a steady
// overall request rate, each request a different transaction (cards, terminals and time move on), for
// 60 s in the full form and 5 s bounded. Every request must succeed (no errors, timeouts or non-2xx),
// the rate must be held, and the server's resident memory, sampled every 250 ms, must stay level.
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { scoreBody, send, startScoreServerChild, type ScoreServerChild } from './score-server';
import { FULL, rssMiB, scale } from './support';

const DURATION_S = scale(60, 5);
/** Requests per second over all connections: well under capacity on a busy 2-core machine. */
const RATE = 100;
const CONNECTIONS = 8;

let server: ScoreServerChild;

beforeAll(async () => {
  server = await startScoreServerChild({ requestTimeoutS: 10 });
  // Warm-up (model session, JIT), so the baseline is a working server's memory.
  for (let i = 0; i < 200; i++) {
    const answer = await send(server.url, {
      headers: { 'x-api-key': server.key },
      body: scoreBody(1_000_000 + i),
    });
    expect(answer.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe(`scoring API at ${RATE} req/s for ${DURATION_S} s`, () => {
  it(
    'answers every request, holds the rate and keeps memory level',
    async () => {
      const baseline = rssMiB(server.pid);
      const samples: { t: number; rss: number }[] = [];
      const started = performance.now();
      const sampler = setInterval(() => {
        samples.push({ t: (performance.now() - started) / 1000, rss: rssMiB(server.pid) });
      }, 250);
      let i = 0;
      const result = await autocannon({
        url: `${server.url}/api/v1/score`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': server.key },
        connections: CONNECTIONS,
        overallRate: RATE,
        duration: DURATION_S,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: scoreBody(i++) }),
          },
        ],
      });
      clearInterval(sampler);
      const end = rssMiB(server.pid);
      const peak = Math.max(baseline, ...samples.map((s) => s.rss));
      // Growth over the second half: a leak keeps climbing, a warm heap does not.
      const mid = samples.filter((s) => s.t >= DURATION_S / 2);
      const secondHalf = mid.length > 1 ? mid.at(-1)!.rss - mid[0]!.rss : 0;
      const total = result.requests.total;
      console.info(
        [
          `scoring-load${FULL ? ' (full)' : ''}: ${total} requests in ${DURATION_S} s at a target of ${RATE}/s (${(total / DURATION_S).toFixed(1)}/s achieved), ${CONNECTIONS} connections`,
          `  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
          `  errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
          `  RSS ${baseline.toFixed(1)} MiB at start, ${end.toFixed(1)} MiB at end, peak ${peak.toFixed(1)} MiB; growth ${(end - baseline).toFixed(1)} MiB (${secondHalf.toFixed(1)} MiB over the second half)`,
        ].join('\n'),
      );
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result['2xx']).toBe(total);
      expect(total).toBeGreaterThanOrEqual(Math.floor(RATE * DURATION_S * 0.9));
      expect(end - baseline).toBeLessThan(64);
      // The server still answers a request of its own afterwards.
      const after = await send(server.url, { method: 'GET', path: '/healthz' });
      expect(after.status).toBe(200);
    },
    (DURATION_S + 60) * 1000,
  );
});
