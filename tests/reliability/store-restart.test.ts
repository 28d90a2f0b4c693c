// The review store going away while writes are in flight. Three cases, each ending with the same
// proof: every item decided (or every flagged row stored) exactly once, the audit trail without gap or
// duplicate (v1 flagged, v2 decided), the status counts exact.
// - Crash: the embedded dynalite (a child process) is SIGKILLed while decisions are in flight, then
//   started again on the same port and data. Requests the SDK's retries (4 attempts, backoff) cannot
//   carry across the restart fail with a connection error; the caller retries them with the same
//   request id and each is recorded once (`replayed` when the lost attempt had landed).
// - Blip: a TCP proxy between client and store drops every connection and refuses new ones for a
//   moment; the SDK's retries carry requests across it, and whatever still fails is re-sent as above.
// The SDK's standard retries are short (3 retries, full-jitter backoff from 50 ms: at most 350 ms) and
// share a per-client quota (500 tokens, 14 per retry: about 35 retries until successes refill it), so
// an outage longer than a blip reaches the caller as ECONNREFUSED; the request ids make re-sending safe.
// - Ingestion: dynalite is killed while ingestion writes review batches; the file fails with the
//   store's error (no checkpoint), and re-ingesting it after the restart leaves every row once.
import fs from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalFileStore } from '@/lib/files';
import { getModel } from '@/lib/model/scorer';
import { ingestFile, type IngestReport } from '@/lib/pipeline/ingest';
import { scanAll } from '@/lib/pipeline/testing/s3-fixtures';
import { writeInbox } from '@/lib/simulator/write';
import {
  countReviewsByStatus,
  createStore,
  decideReview,
  ensureTables,
  getReviewCounts,
  getReviewItem,
  listAuditEvents,
  OUTCOMES,
  putReviewItems,
  recountReviews,
  STATUS_AFTER,
  type Store,
} from '@/lib/store';
import { review } from '@/lib/store/test-support';

import { killHard, REPO_ROOT, scale, sleep, spawnTs, type Child } from './support';

const ITEMS = scale(300, 60);
const CONCURRENCY = 8;
/** A store blip: shorter than the SDK's retry window (3 retries, full-jitter backoff from 50 ms: ≤ 350 ms). */
const BLIP_MS = 50;
const DYNALITE_CHILD = path.join(REPO_ROOT, 'tests', 'reliability', 'dynalite-child.ts');

/** The embedded store in a child process that can be crashed and started again on the same port. */
class CrashableDynamo {
  private child: Child | null = null;
  port = 0;
  endpoint = '';
  constructor(private readonly dataDir: string) {}

  async start(): Promise<number> {
    const started = performance.now();
    this.child = spawnTs(DYNALITE_CHILD, [], {
      DYNALITE_DATA_DIR: this.dataDir,
      DYNALITE_PORT: String(this.port),
    });
    const match = await this.child.waitFor(/READY (http:\/\/127\.0\.0\.1:(\d+))/, 60_000);
    this.endpoint = match[1]!;
    this.port = Number(match[2]);
    return performance.now() - started;
  }

  async crash(): Promise<void> {
    if (this.child) await killHard(this.child);
    this.child = null;
  }
}

/**
 * Counts requests through a store's client, attempts (each SDK retry is one more), and requests that
 * succeeded only thanks to a retry.
 */
function instrument(store: Store): { requests: number; attempts: number; recovered: number } {
  const counts = { requests: 0, attempts: 0, recovered: 0 };
  store.client.middlewareStack.add(
    (next) => async (args) => {
      counts.requests++;
      const result = await next(args);
      const meta = (result.output as { $metadata?: { attempts?: number } }).$metadata;
      if ((meta?.attempts ?? 1) > 1) counts.recovered++;
      return result;
    },
    { step: 'initialize', name: 'reliabilityCountRequests' },
  );
  // Below the retry middleware (finalizeRequest step): runs once per attempt.
  store.client.middlewareStack.add(
    (next) => async (args) => {
      counts.attempts++;
      return next(args);
    },
    { step: 'deserialize', name: 'reliabilityCountAttempts' },
  );
  return counts;
}

/** Each item's outcome follows from its id, so a caller's retry sends the same decision again. */
const outcomeOf = (id: string) => OUTCOMES[Number(id.slice(1)) % OUTCOMES.length]!;
const requestIdOf = (id: string) => `req-${id}`;

type Attempt = { id: string; ok: true; replayed: boolean } | { id: string; ok: false; error: string };

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return `${error.name}${code ? ` ${code}` : ''}: ${error.message.slice(0, 120)}`;
}

/** Decides every item once (version 1), `concurrency` at a time; `onDone` sees the running count. */
async function decideAll(
  store: Store,
  ids: readonly string[],
  onDone?: (done: number) => void,
  concurrency = CONCURRENCY,
): Promise<Attempt[]> {
  const results: Attempt[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        const { replayed } = await decideReview(store, {
          transactionId: id,
          version: 1,
          outcome: outcomeOf(id),
          reason: 'reliability_test',
          analyst: 'analyst-reliability',
          requestId: requestIdOf(id),
        });
        results.push({ id, ok: true, replayed });
      } catch (error) {
        results.push({ id, ok: false, error: describeError(error) });
      }
      onDone?.(results.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Every item at version 2 with its decision, a trail of exactly v1 flagged + v2 decided, exact counts. */
async function expectDecidedOnce(store: Store, ids: readonly string[]): Promise<{ counterDrift: number }> {
  for (const id of ids) {
    const item = await getReviewItem(store, { transactionId: id });
    expect(item).toMatchObject({
      version: 2,
      status: STATUS_AFTER[outcomeOf(id)],
      last_request_id: requestIdOf(id),
    });
    const trail = await listAuditEvents(store, { itemId: id, limit: 10 });
    expect(trail.items.map((e) => `${e.item_version}:${e.action}`).sort()).toEqual([
      '1:flagged',
      '2:decided',
    ]);
  }
  const expected = { open: 0, escalated: 0, fraud: 0, legitimate: 0 };
  for (const id of ids) expected[STATUS_AFTER[outcomeOf(id)]]++;
  expect(await countReviewsByStatus(store)).toEqual(expected);
  // The counters are two writes away from the items (no transactions): a crash can leave them off,
  // and the recount repairs them (docs/STORE.md "Counts").
  const counters = (await getReviewCounts(store)).counts;
  const counterDrift = Object.keys(expected).reduce(
    (n, s) => n + Math.abs(counters[s as keyof typeof expected] - expected[s as keyof typeof expected]),
    0,
  );
  await recountReviews(store, { settleMs: 0 });
  expect((await getReviewCounts(store)).counts).toEqual(expected);
  return { counterDrift };
}

async function seedItems(store: Store, prefix: string): Promise<string[]> {
  await ensureTables(store);
  const ids = Array.from({ length: ITEMS }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  await putReviewItems(
    store,
    ids.map((id, i) => review({ id, score: 0.5 + (i % 50) / 100 })),
  );
  return ids;
}

/** A TCP proxy in front of the store whose outage() drops every connection and refuses new ones. */
async function startProxy(
  targetPort: number,
): Promise<{ port: number; outage(ms: number): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      sockets.clear();
    });
  return {
    port,
    outage: async (ms) => {
      await stop();
      await sleep(ms);
      await listen(port);
    },
    close: stop,
  };
}

let root: string;
let dynamo: CrashableDynamo;
const stores: Store[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-restart-'));
  dynamo = new CrashableDynamo(path.join(root, 'data'));
  await dynamo.start();
}, 120_000);

afterAll(async () => {
  for (const s of stores) s.client.destroy();
  await dynamo?.crash();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

const openStore = (endpoint: string, prefix: string): Store => {
  const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
  stores.push(store);
  return store;
};

describe('review store restart while writes are in flight', () => {
  it(`crash: dynalite SIGKILLed under ${ITEMS} concurrent decisions, restarted; each recorded once`, async () => {
    const store = openStore(dynamo.endpoint, 'crash_');
    const ids = await seedItems(store, 'c');
    const counts = instrument(store);
    let crashed: Promise<number> | null = null;
    const first = await decideAll(store, ids, (done) => {
      // A quarter in: kill the store mid-flight, start it again at once (same port, same data).
      if (done === Math.floor(ITEMS / 4) && !crashed) crashed = dynamo.crash().then(() => dynamo.start());
    });
    const restartMs = await crashed!;
    const failed = first.filter((r): r is Extract<Attempt, { ok: false }> => !r.ok);
    const retried = counts.attempts - counts.requests;
    // The caller's retry: the same request id, so a decision that landed before the crash is not doubled.
    const second = await decideAll(
      store,
      failed.map((f) => f.id),
    );
    expect(second.filter((r) => !r.ok)).toEqual([]);
    const replayed = second.filter((r) => r.ok && r.replayed).length;
    const { counterDrift } = await expectDecidedOnce(store, ids);
    const errors = [...new Set(failed.map((f) => f.error.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>')))];
    console.info(
      [
        `store crash: ${ITEMS} decisions, ${CONCURRENCY} in flight; dynalite killed after ${Math.floor(ITEMS / 4)} and back in ${Math.round(restartMs)} ms`,
        `  SDK retries: ${retried} extra attempts over ${counts.requests} requests, ${counts.recovered} succeeded on a retry; ${failed.length} decisions failed to the caller${errors.length ? ` (${errors.join(' | ')})` : ''}`,
        `  caller retry with the same request id: ${second.length} re-sent, ${replayed} recognised as already recorded; counters off by ${counterDrift} before the recount`,
      ].join('\n'),
    );
    expect(retried).toBeGreaterThan(0);
  }, 300_000);

  it(`blips: all connections to the store dropped for ${BLIP_MS} ms, three times; SDK retries carry the request in flight`, async () => {
    const proxy = await startProxy(dynamo.port);
    try {
      const store = openStore(`http://127.0.0.1:${proxy.port}`, 'blip_');
      const ids = await seedItems(store, 'b');
      const counts = instrument(store);
      const outages: Promise<void>[] = [];
      const at = new Set([1, 2, 3].map((q) => Math.floor((ITEMS * q) / 4)));
      // One analyst at a time (human-rate decisions): the blip hits the one request in flight.
      const first = await decideAll(
        store,
        ids,
        (done) => {
          if (at.delete(done)) outages.push(proxy.outage(BLIP_MS));
        },
        1,
      );
      await Promise.all(outages);
      const failed = first.filter((r) => !r.ok);
      const second = await decideAll(
        store,
        failed.map((f) => f.id),
      );
      expect(second.filter((r) => !r.ok)).toEqual([]);
      const { counterDrift } = await expectDecidedOnce(store, ids);
      console.info(
        `store blips: ${ITEMS} decisions one at a time, three ${BLIP_MS} ms outages: ${counts.attempts - counts.requests} SDK retries, ${counts.recovered} requests succeeded on a retry, ${failed.length} decisions reached the caller as errors and were re-sent; counters off by ${counterDrift} before the recount`,
      );
      expect(counts.recovered).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  }, 300_000);

  it('ingestion: dynalite killed mid review batches; the file fails cleanly and re-ingests exactly once', async () => {
    const store = openStore(dynamo.endpoint, 'ingest_');
    await ensureTables(store);
    const { files } = writeInbox(
      { profile: 'realistic', start: '2026-01-01', days: 1, customers: 400, terminals: 80, seed: 5 },
      path.join(root, 'sim'),
    );
    const dir = path.join(root, 'ingest');
    const file = path.join(dir, 'inbox', path.basename(files[0]!));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.copyFile(files[0]!, file);
    const deps = { store, model: await getModel(), files: new LocalFileStore(dir), reviewBatch: 4 };

    let restart: Promise<number> | null = null;
    let failure: string | null = null;
    let report: IngestReport | null = null;
    try {
      report = await ingestFile(
        {
          ...deps,
          onEvent: (event) => {
            // Not awaited: the kill lands while the next batch is being written.
            if (event.kind === 'review' && !restart)
              restart = dynamo
                .crash()
                .then(() => sleep(1_500))
                .then(() => dynamo.start());
          },
        },
        { file },
      );
    } catch (error) {
      failure = describeError(error);
    }
    await restart;
    const checkpointWritten = await fs.access(path.join(dir, 'pipeline', 'checkpoint.json')).then(
      () => true,
      () => false,
    );
    if (failure) expect(checkpointWritten).toBe(false);

    const rerun = await ingestFile(deps, { file });
    expect(rerun.status).toBe(failure ? 'ingested' : 'skipped');
    const flagged = failure ? rerun.flagged : report!.flagged;
    const items = await scanAll(store, store.tables.reviews);
    expect(items).toHaveLength(flagged);
    const events = await scanAll(store, store.tables.audit);
    const perItem = new Map<string, number>();
    for (const e of events)
      perItem.set((e.item_id as { S: string }).S, (perItem.get((e.item_id as { S: string }).S) ?? 0) + 1);
    expect(perItem.size).toBe(flagged);
    expect([...perItem.values()].every((n) => n === 1)).toBe(true);
    console.info(
      `store crash during ingestion: ${failure ? `the file failed with "${failure.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>')}", no checkpoint` : 'the SDK retries carried the file through'}; re-ingested: ${flagged} flagged rows, each once in the store with one flagged event`,
    );
  }, 300_000);
});
