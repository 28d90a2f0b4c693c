// kill -9 during ingestion, at random points. A child process ingests a file (with bad rows and ids
// another file already brought in) against this process's dynalite and is SIGKILLed at a random
// moment (a random delay) or held at a random progress event (after the read, after the lake write,
// after a random review batch, after the last batch: just before the checkpoint). Then the file is
// ingested again, and the outcome must equal an uninterrupted reference run: every row once in the
// lake, every flagged row once in the store with exactly one `flagged` audit event, and
// read = accepted + quarantined + duplicates with the reference's numbers.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalFileStore } from '@/lib/files';
import { withDuckDB } from '@/lib/lake/duckdb';
import { transactionsSource } from '@/lib/lake/transactions-table';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { loadCheckpoint } from '@/lib/pipeline/checkpoint';
import { ingestFile, type IngestDeps, type IngestReport } from '@/lib/pipeline/ingest';
import type { HoldAt, IngestChildArgs } from '@/lib/pipeline/testing/ingest-child';
import { scanAll } from '@/lib/pipeline/testing/s3-fixtures';
import { writeInbox } from '@/lib/simulator/write';
import { createStore, ensureTables, startDynalite, type Store } from '@/lib/store';

import { FULL, killHard, REPO_ROOT, scale, seeded, sleep, spawnTs } from './support';

const TRIALS = scale(10, 2);
const CHILD = path.join(REPO_ROOT, 'lib', 'pipeline', 'testing', 'ingest-child.ts');

/** Where a trial kills the child. */
/**
 * `delay`: a random time after the child starts ingesting. `mid`: a random moment just after a random
 * progress event, the child still running (so the kill lands inside the next lake write or review
 * batch). The others hold the child at an event: after the read, after the lake write, after a random
 * review batch, after the last batch with the lake written (just before the checkpoint).
 */
type KillPoint = 'delay' | 'mid' | 'read' | 'lake' | 'review' | 'checkpoint';
const RANDOM_MOMENTS: readonly KillPoint[] = ['delay', 'mid'];
const HELD: readonly KillPoint[] = ['read', 'lake', 'review', 'checkpoint'];
const FULL_CYCLE: readonly KillPoint[] = ['delay', 'mid', 'review', 'checkpoint', 'read', 'lake'];

let root: string;
let endpoint: string;
let closeDynamo: () => Promise<void>;
let model: FraudModel;
/** The file killed mid-ingestion, and a small earlier file holding a few of its ids. */
let mainFile: string;
let earlierFile: string;
const stores: Store[] = [];
let prefixes = 0;
let reference: { earlier: IngestReport; main: IngestReport; reviewIds: string[]; ingestMs: number };
const { random } = seeded('kill-ingest');

interface Trial {
  deps: IngestDeps;
  dir: string;
  prefix: string;
}

async function freshTrial(): Promise<Trial> {
  const prefix = `k${++prefixes}_`;
  const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
  stores.push(store);
  await ensureTables(store);
  const dir = path.join(root, prefix);
  await fs.mkdir(path.join(dir, 'inbox'), { recursive: true });
  for (const file of [earlierFile, mainFile])
    await fs.copyFile(file, path.join(dir, 'inbox', path.basename(file)));
  return {
    dir,
    prefix,
    deps: { store, model, files: new LocalFileStore(dir), now: () => new Date('2026-02-01T00:00:00Z') },
  };
}

const inboxFile = (t: Trial, file: string) => path.join(t.dir, 'inbox', path.basename(file));

/**
 * Day 2 of a small simulation, plus rows that must be quarantined (malformed, bad values, a repeated
 * id) and a small earlier file that already holds five of its ids (duplicates across files).
 */
async function prepareFiles(): Promise<void> {
  const sim = path.join(root, 'sim');
  const { files } = writeInbox(
    { profile: 'realistic', start: '2026-01-01', days: 2, customers: 400, terminals: 80, seed: 11 },
    sim,
  );
  const [header, ...rows] = (await fs.readFile(files[1]!, 'utf8')).trimEnd().split('\n');
  const bad = [
    'not,a,valid,row',
    rows[3]!.replace(/,(\d+\.\d+),/, ',-5.00,'),
    rows[5]!.replace(/,(\d+\.\d+),/, ',NaN,'),
    rows[9]!, // the same id again, later in the file
  ];
  mainFile = path.join(root, 'transactions-2026-01-02.csv');
  await fs.writeFile(mainFile, `${[header, ...rows.slice(0, 40), ...bad, ...rows.slice(40)].join('\n')}\n`);
  earlierFile = path.join(root, 'early-2026-01-02.csv');
  await fs.writeFile(earlierFile, `${[header, ...rows.slice(100, 105)].join('\n')}\n`);
}

async function reviewIds(store: Store): Promise<string[]> {
  const items = await scanAll(store, store.tables.reviews);
  return items.map((i) => (i.transaction_id as { S: string }).S).sort();
}

/** Per item id, how many `flagged` events the audit table holds; and how many other events. */
async function flaggedEvents(store: Store): Promise<{ perItem: Map<string, number>; other: number }> {
  const perItem = new Map<string, number>();
  let other = 0;
  for (const event of await scanAll(store, store.tables.audit)) {
    const action = (event.action as { S: string }).S;
    const item = (event.item_id as { S: string } | undefined)?.S ?? '';
    if (action === 'flagged') perItem.set(item, (perItem.get(item) ?? 0) + 1);
    else other++;
  }
  return { perItem, other };
}

async function lakeStats(dir: string) {
  return withDuckDB(async (db) => {
    const reader = await db.runAndReadAll(
      `SELECT count(*)::INTEGER AS rows, count(DISTINCT transaction_id)::INTEGER AS ids,
              count(*) FILTER (WHERE score IS NULL OR model_version IS NULL)::INTEGER AS unscored
       FROM ${transactionsSource(path.join(dir, 'lake'))}`,
    );
    return reader.getRowObjectsJS()[0] as { rows: number; ids: number; unscored: number };
  });
}

/** Files a killed writer left behind (temporary names, never read by the lake's glob). */
async function leftovers(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.fstmp-|\.tmp-/.test(e.name)).map((e) => e.name);
}

const counts = (r: IngestReport) => ({
  read: r.read,
  accepted: r.accepted,
  quarantined: r.quarantined,
  duplicates: r.duplicates,
  flagged: r.flagged,
});

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-kill-'));
  await prepareFiles();
  const dynamo = await startDynalite({ dataDir: path.join(root, 'dynamo') });
  endpoint = dynamo.endpoint;
  closeDynamo = dynamo.close;
  model = await getModel();

  // The uninterrupted run every trial must end up equal to, and how long ingesting the file takes
  // (the range of the random kill delays).
  const ref = await freshTrial();
  const earlier = await ingestFile(ref.deps, { file: inboxFile(ref, earlierFile) });
  const main = await ingestFile(ref.deps, { file: inboxFile(ref, mainFile) });
  reference = { earlier, main, reviewIds: await reviewIds(ref.deps.store), ingestMs: main.elapsedMs };
  console.info(
    `kill-ingest reference: ${counts(reference.main).read} rows read, ${reference.main.flagged} flagged, ingest ${Math.round(reference.ingestMs)} ms`,
  );
}, 180_000);

afterAll(async () => {
  for (const s of stores) s.client.destroy();
  await closeDynamo?.();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe(`kill -9 during ingestion (${TRIALS} trials)`, () => {
  it('the reference run accounts for every row', () => {
    const r = reference.main;
    expect(r.read).toBe(r.accepted + r.quarantined + r.duplicates);
    expect(r.quarantined).toBe(4);
    expect(r.duplicates).toBe(5);
    expect(r.flagged).toBeGreaterThan(4);
  });

  // Full: every kill point, cycling. Bounded: one random moment and one random held point per run, so
  // successive runs of `npm test` cover them all.
  const pick = (list: readonly KillPoint[]) => list[Math.floor(random() * list.length)]!;
  const points = FULL
    ? Array.from({ length: TRIALS }, (_, i) => FULL_CYCLE[i % FULL_CYCLE.length]!)
    : [pick(RANDOM_MOMENTS), pick(HELD)];
  for (const [i, point] of points.entries()) {
    it(`trial ${i + 1}: killed at ${point}, re-ingested exactly once`, async () => {
      const t = await freshTrial();
      await ingestFile(t.deps, { file: inboxFile(t, earlierFile) });
      const batches = Math.ceil(reference.main.flagged / 2);
      const holdAt: HoldAt | null =
        point === 'delay' || point === 'mid'
          ? null
          : point === 'review'
            ? { kind: 'review', done: 2 * (1 + Math.floor(random() * Math.max(1, batches - 1))) }
            : point === 'checkpoint'
              ? { kind: 'review', done: 'last' }
              : { kind: point };
      const child = spawnTs(CHILD, [], {
        INGEST_CHILD_ARGS: JSON.stringify({
          endpoint,
          prefix: t.prefix,
          file: inboxFile(t, mainFile),
          dataDir: t.dir,
          holdAt,
        } satisfies IngestChildArgs),
      });
      await child.waitFor(/READY \d+/, 60_000);
      let landed: string;
      if (point === 'delay') {
        // The child runs cold (first file, JIT, model session), so it takes longer than the warm
        // reference: spread the delays over three times the reference's time.
        const delay = Math.round(random() * 3 * reference.ingestMs);
        await sleep(delay);
        landed = `after ${delay} ms`;
      } else if (point === 'mid') {
        const nth = 1 + Math.floor(random() * (2 + batches));
        await child.waitFor(new RegExp(`(?:EVENT .+\\n){${nth}}`), 60_000).catch(() => null);
        const delay = Math.round(random() * 20);
        await sleep(delay);
        landed = `${delay} ms after event ${nth}`;
      } else {
        await child.waitFor(/REVIEW \d+|HOLD \d+/, 60_000);
        // Just before the checkpoint: the lake write runs beside the review batches; let it finish.
        if (point === 'checkpoint') await child.waitFor(/EVENT lake/, 60_000);
        landed = `holding at ${JSON.stringify(holdAt)}`;
      }
      const finished = child.stdout().includes('FINISHED');
      await killHard(child);
      const events = child.stdout().match(/EVENT .+/g) ?? [];
      console.info(
        `trial ${i + 1}: SIGKILL ${landed}; last event: ${events.at(-1) ?? 'none'} (${events.length} events)${finished ? '; the child had already finished' : ''}`,
      );

      // Done means recorded in the checkpoint: a kill after its write but before the child says
      // FINISHED (or prints the checkpoint event) still leaves the file done.
      const checkpointed = async () =>
        (await loadCheckpoint({ files: t.deps.files, key: 'pipeline/checkpoint.json' })).files[
          path.basename(mainFile)
        ];
      const recorded = (await checkpointed()) !== undefined;
      if (finished) expect(recorded).toBe(true);
      const rerun = await ingestFile(t.deps, { file: inboxFile(t, mainFile) });
      expect(rerun.status).toBe(recorded ? 'skipped' : 'ingested');
      const entry = await checkpointed();
      expect(entry && counts({ ...rerun, ...entry })).toEqual(counts(reference.main));
      if (!recorded) {
        expect(counts(rerun)).toEqual(counts(reference.main));
        expect(rerun.read).toBe(rerun.accepted + rerun.quarantined + rerun.duplicates);
      }

      // Lake: both files' rows, each once, all scored.
      const lake = await lakeStats(t.dir);
      const rows = reference.earlier.accepted + reference.main.accepted;
      expect(lake).toEqual({ rows, ids: rows, unscored: 0 });
      // Store: the reference's items, each with exactly one flagged event and nothing else.
      const ids = await reviewIds(t.deps.store);
      expect(ids).toEqual(reference.reviewIds);
      const { perItem, other } = await flaggedEvents(t.deps.store);
      expect([...perItem.keys()].sort()).toEqual(ids);
      expect([...perItem.values()].every((n) => n === 1)).toBe(true);
      expect(other).toBe(0);
      // Quarantine: one line per rejected row or duplicate, each with its raw text and a reason.
      const quarantine = (
        await fs.readFile(path.join(t.dir, 'quarantine', 'transactions-2026-01-02.ndjson'), 'utf8')
      )
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { raw: string; reason: string });
      expect(quarantine).toHaveLength(reference.main.quarantined + reference.main.duplicates);
      for (const q of quarantine) {
        expect(q.raw.length).toBeGreaterThan(0);
        expect(q.reason.length).toBeGreaterThan(0);
      }
      const left = await leftovers(t.dir);
      if (left.length > 0)
        console.info(`trial ${i + 1}: temporary files left by the killed writer: ${left.join(', ')}`);
    }, 180_000);
  }
});
