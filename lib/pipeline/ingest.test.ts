// Ingestion against a real dynalite, the committed model and simulated files: exactly-once (a second
// run is a no-op; kill -9 mid-file then re-run leaves every row once), unreadable files to failed/,
// accounting with bad rows and cross-file duplicates, and the inbox watch loop.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAlertDeps, createAlertDispatcher, DEFAULT_RETRY_POLICY } from '@/lib/alerts';
import { FeatureState } from '@/lib/features';
import { isFileNotFound, LocalFileStore } from '@/lib/files';
import { openDuckDB, withDuckDB } from '@/lib/lake/duckdb';
import { transactionsSource } from '@/lib/lake/transactions-table';
import { modelFeatureSet } from '@/lib/model/feature-set';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { writeInbox } from '@/lib/simulator/write';
import { createStore, ensureTables, startDynalite, type Store } from '@/lib/store';

import { emptyCheckpoint, loadCheckpoint } from './checkpoint';
import { startFile } from './file-steps';
import { ingestInbox, watchInbox } from './inbox';
import {
  DUPLICATE_REASON,
  IngestFailedError,
  ingestFile,
  openIngestSession,
  type IngestDeps,
  type IngestEvent,
} from './ingest';
import type { IngestChildArgs } from './testing/ingest-child';
import { scanAll } from './testing/s3-fixtures';

let root: string;
let inbox: string;
let days: string[];
let endpoint: string;
let closeDynamo: () => Promise<void>;
let model: FraudModel;
const stores: Store[] = [];
let prefixes = 0;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-pipeline-'));
  inbox = path.join(root, 'sim');
  const summary = writeInbox(
    { profile: 'realistic', start: '2026-01-01', days: 3, customers: 400, terminals: 80, seed: 7 },
    inbox,
  );
  days = summary.files;
  const dynamo = await startDynalite({ dataDir: path.join(root, 'dynamo') });
  endpoint = dynamo.endpoint;
  closeDynamo = dynamo.close;
  model = await getModel();
});

afterAll(async () => {
  for (const s of stores) s.client.destroy();
  await closeDynamo?.();
  await fs.rm(root, { recursive: true, force: true });
});

/** Where a test's store puts things, as paths, for the assertions. */
interface Layout {
  dir: string;
  inboxDir: string;
  lakeDir: string;
  quarantineDir: string;
  failedDir: string;
  checkpointFile: string;
}

/** Fresh tables and a fresh data folder (the pipeline's LocalFileStore) for one test. */
async function setup(): Promise<IngestDeps & Layout> {
  const prefix = `p${++prefixes}_`;
  const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
  stores.push(store);
  await ensureTables(store);
  const dir = path.join(root, prefix);
  const inboxDir = path.join(dir, 'inbox');
  await fs.mkdir(inboxDir, { recursive: true });
  return {
    dir,
    inboxDir,
    store,
    model,
    files: new LocalFileStore(dir),
    lakeDir: path.join(dir, 'lake'),
    quarantineDir: path.join(dir, 'quarantine'),
    failedDir: path.join(dir, 'failed'),
    checkpointFile: path.join(dir, 'pipeline', 'checkpoint.json'),
    now: () => new Date('2026-02-01T00:00:00Z'),
  };
}

async function copyDay(index: number, inboxDir: string): Promise<string> {
  const source = days[index]!;
  const target = path.join(inboxDir, path.basename(source));
  // Dot name then rename, as a producer should: a watcher never sees half a file.
  const partial = path.join(inboxDir, `.${path.basename(source)}.partial`);
  await fs.copyFile(source, partial);
  await fs.rename(partial, target);
  return target;
}

async function reviewIds(store: Store): Promise<string[]> {
  const items = await scanAll(store, store.tables.reviews);
  return items.map((i) => (i.transaction_id as { S: string }).S).sort();
}

async function lakeStats(lakeDir: string, threshold: number) {
  return withDuckDB(async (db) => {
    const reader = await db.runAndReadAll(
      `SELECT count(*)::INTEGER AS rows, count(DISTINCT transaction_id)::INTEGER AS ids,
              count(*) FILTER (WHERE score >= ${threshold})::INTEGER AS flagged,
              count(*) FILTER (WHERE model_version IS NULL OR score IS NULL)::INTEGER AS unscored
       FROM ${transactionsSource(lakeDir)}`,
    );
    const [row] = reader.getRowObjectsJS() as {
      rows: number;
      ids: number;
      flagged: number;
      unscored: number;
    }[];
    return row!;
  });
}

/** Every lake row's id and score, by id. */
async function lakeScores(lakeDir: string) {
  return withDuckDB(async (db) =>
    (
      await db.runAndReadAll(`SELECT transaction_id, score FROM ${transactionsSource(lakeDir)} ORDER BY 1`)
    ).getRowObjectsJS(),
  );
}

async function lakeFlaggedIds(lakeDir: string, threshold: number): Promise<string[]> {
  return withDuckDB(async (db) => {
    const reader = await db.runAndReadAll(
      `SELECT transaction_id FROM ${transactionsSource(lakeDir)} WHERE score >= ${threshold} ORDER BY 1`,
    );
    return (reader.getColumnsJS()[0] ?? []) as string[];
  });
}

/** Files under `dir` with their bytes, for "nothing changed" checks. */
async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = await fs.stat(file);
    out.set(file, `${stat.mtimeMs}:${(await fs.readFile(file)).toString('base64')}`);
  }
  return out;
}

/**
 * Runs testing/ingest-child.ts until it prints `marker` (REVIEW or HOLD: it waits there), then kills it
 * with SIGKILL and waits until the ingesting process is gone.
 */
async function runChildUntil(args: IngestChildArgs, marker: 'REVIEW' | 'HOLD'): Promise<void> {
  const child = spawn('npx', ['tsx', path.join(import.meta.dirname, 'testing', 'ingest-child.ts')], {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    env: { ...process.env, INGEST_CHILD_ARGS: JSON.stringify(args) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // npx → tsx → node: the process that ingests is a grandchild. Its pid comes with the marker line,
  // and the whole process group (detached: the child leads a new one) is killed.
  const ingestPid = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 45_000);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = new RegExp(`${marker} (\\d+)`).exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  expect(ingestPid, stderr).not.toBeNull();
  process.kill(-child.pid!, 'SIGKILL');
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && alive(ingestPid!); i++) await new Promise((r) => setTimeout(r, 50));
  expect(alive(ingestPid!)).toBe(false);
}

const exists = (file: string): Promise<boolean> =>
  fs.access(file).then(
    () => true,
    () => false,
  );

describe('ingestFile', () => {
  it('ingests a file once: a second run is a no-op for the store, the lake and the checkpoint', async () => {
    const deps = await setup();
    const file = await copyDay(0, deps.inboxDir);
    const first = await ingestFile(deps, { file });
    expect(first.status).toBe('ingested');
    expect(first.read).toBeGreaterThan(100);
    expect(first.read).toBe(first.accepted + first.quarantined + first.duplicates);
    expect(first.flagged).toBeGreaterThan(0);
    expect(first.reviewsCreated).toBe(first.flagged);

    const lake = await lakeStats(deps.lakeDir, model.threshold);
    expect(lake).toEqual({ rows: first.accepted, ids: first.accepted, flagged: first.flagged, unscored: 0 });
    expect(await reviewIds(deps.store)).toEqual(await lakeFlaggedIds(deps.lakeDir, model.threshold));

    const reviewsBefore = await scanAll(deps.store, deps.store.tables.reviews);
    const auditBefore = await scanAll(deps.store, deps.store.tables.audit);
    const lakeBefore = await snapshotTree(deps.lakeDir);
    const checkpointBefore = await fs.readFile(deps.checkpointFile, 'utf8');

    const second = await ingestFile(deps, { file });
    expect(second.status).toBe('skipped');
    expect(second.message).toMatch(/already ingested/);
    expect(await scanAll(deps.store, deps.store.tables.reviews)).toEqual(reviewsBefore);
    expect(await scanAll(deps.store, deps.store.tables.audit)).toEqual(auditBefore);
    expect(await snapshotTree(deps.lakeDir)).toEqual(lakeBefore);
    expect(await fs.readFile(deps.checkpointFile, 'utf8')).toBe(checkpointBefore);

    // Same name, new content: ingested again and said so; the part is replaced, not added to.
    const text = await fs.readFile(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    await fs.writeFile(file, `${lines.slice(0, -10).join('\n')}\n`);
    const third = await ingestFile(deps, { file });
    expect(third.status).toBe('ingested');
    expect(third.replaced).toBe(true);
    expect(third.message).toMatch(/content changed/);
    expect((await lakeStats(deps.lakeDir, model.threshold)).rows).toBe(first.accepted - 10);
  });

  it('raises a high-risk alert for each flagged row at or above the alert score', async () => {
    const deps = await setup();
    const config = {
      highRiskScore: 0.2,
      dailyFraudRate: 0.01,
      dailyMinTransactions: 100,
      retry: DEFAULT_RETRY_POLICY,
    };
    const dispatcher = createAlertDispatcher(
      createAlertDeps(deps.store, config, { log: { info: () => undefined, warn: () => undefined } }),
    );
    const withAlerts = { ...deps, alerts: { dispatcher, highRiskScore: config.highRiskScore } };
    const file = await copyDay(2, deps.inboxDir);
    const report = await ingestFile(withAlerts, { file });
    const expected = await withDuckDB(async (db) => {
      const reader = await db.runAndReadAll(
        `SELECT transaction_id FROM ${transactionsSource(deps.lakeDir)} WHERE score >= 0.2 ORDER BY 1`,
      );
      return ((reader.getColumnsJS()[0] ?? []) as string[]).map((id) => `high_risk#${id}`);
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(report.alerts).toBe(expected.length);
    const alerts = await scanAll(deps.store, deps.store.tables.alerts);
    expect(alerts.map((a) => (a.alert_id as { S: string }).S).sort()).toEqual(expected);
  });

  it('moves an unreadable file to failed/ with its error, and throws only when asked', async () => {
    const deps = await setup();
    const bad = path.join(deps.inboxDir, 'broken.csv');
    await fs.writeFile(bad, 'id,when\n1,2\n');
    const report = await ingestFile(deps, { file: bad });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/lacks required column/);
    await expect(fs.access(bad)).rejects.toThrow();
    expect(report.failedFile).toBe(path.join(deps.failedDir, 'broken.csv'));
    expect(await fs.readFile(path.join(deps.failedDir, 'broken.csv'), 'utf8')).toBe('id,when\n1,2\n');
    expect(await fs.readFile(path.join(deps.failedDir, 'broken.csv.error.txt'), 'utf8')).toMatch(
      /lacks required column/,
    );
    expect(
      await fs.access(deps.checkpointFile).then(
        () => true,
        () => false,
      ),
    ).toBe(false);

    const empty = path.join(deps.inboxDir, 'empty.csv');
    await fs.writeFile(empty, '');
    await expect(ingestFile(deps, { file: empty, throwOnFailure: true })).rejects.toBeInstanceOf(
      IngestFailedError,
    );
    expect(await fs.readFile(path.join(deps.failedDir, 'empty.csv.error.txt'), 'utf8')).toMatch(/empty/);
  });

  it('accounts for every row: read = accepted + quarantined + duplicates across files', async () => {
    const deps = await setup();
    const day = await copyDay(0, deps.inboxDir);
    const first = await ingestFile(deps, { file: day });
    const [header, ...rows] = (await fs.readFile(day, 'utf8')).trimEnd().split('\n');
    // Five rows another file already brought, three bad rows, twenty new rows (fresh ids).
    const mixed = [
      header!,
      ...rows.slice(0, 5),
      'not,a,valid,row',
      rows[6]!.replace(/,chip,|,swipe,|,contactless,|,ecommerce,/, ',teleport,'),
      `${rows[7]!.split(',')[0]},2026-13-45T00:00:00Z${rows[7]!.slice(rows[7]!.indexOf('Z') + 1)}`,
      ...rows.slice(20, 40).map((r) => `X${r}`),
    ];
    const extra = path.join(deps.inboxDir, 'late-corrections.csv');
    await fs.writeFile(extra, `${mixed.join('\n')}\n`);
    const report = await ingestFile(deps, { file: extra });
    expect(report).toMatchObject({
      status: 'ingested',
      read: 28,
      accepted: 20,
      quarantined: 3,
      duplicates: 5,
    });
    expect(report.read).toBe(report.accepted + report.quarantined + report.duplicates);

    const quarantined = (await fs.readFile(path.join(deps.quarantineDir, 'late-corrections.ndjson'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; raw: string; reason: string; source: string });
    expect(quarantined).toHaveLength(8);
    expect(quarantined.filter((q) => q.reason === DUPLICATE_REASON).map((q) => q.line)).toEqual([
      2, 3, 4, 5, 6,
    ]);
    expect(quarantined.every((q) => q.source === 'late-corrections.csv' && q.raw.length > 0)).toBe(true);
    expect(quarantined.find((q) => q.line === 7)?.reason).toBeTruthy();

    const lake = await lakeStats(deps.lakeDir, model.threshold);
    expect(lake.rows).toBe(first.accepted + 20);
    expect(lake.ids).toBe(lake.rows);
    const checkpoint = await loadCheckpoint(deps.checkpointFile);
    expect(checkpoint.files['late-corrections.csv']).toMatchObject({
      read: 28,
      accepted: 20,
      quarantined: 3,
      duplicates: 5,
    });
  });

  it('survives kill -9 mid-file: the re-run leaves every row exactly once in the lake and the store', async () => {
    const deps = await setup();
    const file = await copyDay(1, deps.inboxDir);
    await runChildUntil(
      { endpoint, prefix: deps.store.tables.reviews.replace(/reviews$/, ''), file, dataDir: deps.dir },
      'REVIEW',
    );

    // Mid-file state: the first batch of review items (2) written, perhaps the one in flight beside it
    // (2 more), no checkpoint.
    const before = (await reviewIds(deps.store)).length;
    expect(before).toBeGreaterThanOrEqual(2);
    expect(before).toBeLessThanOrEqual(4);
    expect(await exists(deps.checkpointFile)).toBe(false);

    const rerun = await ingestFile(deps, { file });
    expect(rerun.status).toBe('ingested');
    expect(rerun.duplicates).toBe(0);
    expect(rerun.read).toBe(rerun.accepted + rerun.quarantined);
    expect(rerun.flagged).toBeGreaterThan(before);
    expect(rerun.reviewsCreated).toBe(rerun.flagged - before);
    const lake = await lakeStats(deps.lakeDir, model.threshold);
    expect(lake).toEqual({ rows: rerun.accepted, ids: rerun.accepted, flagged: rerun.flagged, unscored: 0 });
    const ids = await reviewIds(deps.store);
    expect(ids).toHaveLength(rerun.flagged);
    expect(ids).toEqual(await lakeFlaggedIds(deps.lakeDir, model.threshold));
    expect((await loadCheckpoint(deps.checkpointFile)).files[path.basename(file)]?.flagged).toBe(
      rerun.flagged,
    );
  }, 60_000);
});

describe('ingestInbox and watchInbox', () => {
  it('ingests an inbox in name order, skipping dot files, and carries the feature state across files', async () => {
    const deps = await setup();
    for (const i of [0, 1, 2]) await copyDay(i, deps.inboxDir);
    await fs.writeFile(path.join(deps.inboxDir, '.partial.csv'), 'garbage');
    const report = await ingestInbox(deps, { inbox: deps.inboxDir });
    expect(report.files.map((f) => f.name)).toEqual(days.map((d) => path.basename(d)));
    expect(report).toMatchObject({ ingested: 3, skipped: 0, failed: 0 });

    // One file at a time through ingestFile gives the same lake scores as the inbox session.
    const single = await setup();
    for (const i of [0, 1, 2]) await ingestFile(single, { file: await copyDay(i, single.inboxDir) });
    expect(await lakeScores(single.lakeDir)).toEqual(await lakeScores(deps.lakeDir));
    expect(await reviewIds(single.store)).toEqual(await reviewIds(deps.store));

    const again = await ingestInbox(deps, { inbox: deps.inboxDir });
    expect(again).toMatchObject({ ingested: 0, skipped: 3, failed: 0 });
  });

  it('overlaps files yet catches duplicates of the file still being written, and defers the checkpoint', async () => {
    const deps = await setup();
    const first = await copyDay(0, deps.inboxDir);
    const second = await copyDay(1, deps.inboxDir);
    // Sorted last, so it starts while the second day's lake part may still be being written: three
    // rows of each earlier day again (same ids) and twenty new rows.
    const [header, ...rowsA] = (await fs.readFile(first, 'utf8')).trimEnd().split('\n');
    const rowsB = (await fs.readFile(second, 'utf8')).trimEnd().split('\n').slice(1);
    const late = [
      header!,
      ...rowsA.slice(0, 3),
      ...rowsB.slice(0, 3),
      ...rowsB.slice(10, 30).map((r) => `X${r}`),
    ];
    await fs.writeFile(path.join(deps.inboxDir, 'zz-late.csv'), `${late.join('\n')}\n`);

    const events: IngestEvent[] = [];
    const report = await ingestInbox(
      { ...deps, onEvent: (e) => void events.push(e) },
      { inbox: deps.inboxDir, checkpointEveryMs: 3_600_000 },
    );
    expect(report).toMatchObject({ ingested: 3, failed: 0 });
    expect(report.files[2]).toMatchObject({ name: 'zz-late.csv', read: 26, accepted: 20, duplicates: 6 });
    // One write, at the end, recording all three files.
    expect(events.filter((e) => e.kind === 'checkpoint')).toEqual([
      { kind: 'checkpoint', files: 3, ms: expect.any(Number) },
    ]);
    expect(Object.keys((await loadCheckpoint(deps.checkpointFile)).files).sort()).toEqual(
      report.files.map((f) => f.name).sort(),
    );
    const accepted = report.files.reduce((n, f) => n + f.accepted, 0);
    const flagged = report.files.reduce((n, f) => n + f.flagged, 0);
    const lake = await lakeStats(deps.lakeDir, model.threshold);
    expect(lake).toEqual({ rows: accepted, ids: accepted, flagged, unscored: 0 });
    expect(await reviewIds(deps.store)).toEqual(await lakeFlaggedIds(deps.lakeDir, model.threshold));
  });

  it("waits for the previous file's lake write when the two share a day, so its rows count as duplicates", async () => {
    const deps = await setup();
    const day = await copyDay(0, deps.inboxDir);
    const first = await ingestFile(deps, { file: day });
    const [header, ...rows] = (await fs.readFile(day, 'utf8')).trimEnd().split('\n');
    const late = path.join(deps.inboxDir, 'late.csv');
    await fs.writeFile(
      late,
      `${[header!, ...rows.slice(0, 5), ...rows.slice(10, 20).map((r) => `X${r}`)].join('\n')}\n`,
    );
    // The "previous file" still writing: its part is out of the lake until its write settles.
    const aside = path.join(deps.dir, 'lake-aside');
    await fs.rename(deps.lakeDir, aside);
    const written = new Promise<void>((resolve) =>
      setTimeout(() => void fs.rename(aside, deps.lakeDir).then(() => resolve()), 200),
    );
    const { set: featureSet, projection } = modelFeatureSet(model);
    const db = await openDuckDB();
    try {
      const context = {
        deps,
        featureSet,
        projection,
        checkpoint: emptyCheckpoint(),
        state: new FeatureState(),
        replay: new FeatureState(),
        db,
      };
      const start = await startFile(context, { file: late }, { dts: new Set(first.partitions), written });
      expect(start.kind).toBe('started');
      if (start.kind !== 'started') return;
      const { report } = await start.finish(written).done;
      expect(report).toMatchObject({ read: 15, accepted: 10, duplicates: 5 });
    } finally {
      db.closeSync();
    }
  });

  it('survives kill -9 between checkpoint writes: the re-run ingests the unrecorded files again, each row once', async () => {
    const deps = await setup();
    for (const i of [0, 1, 2]) await copyDay(i, deps.inboxDir);
    // Killed once the third file is read: the first two files' lake parts and review items are written
    // (or being written), and the checkpoint, deferred, records none of them.
    await runChildUntil(
      {
        endpoint,
        prefix: deps.store.tables.reviews.replace(/reviews$/, ''),
        inbox: deps.inboxDir,
        dataDir: deps.dir,
        checkpointEveryMs: 3_600_000,
        holdAt: { kind: 'read', nth: 3 },
        reviewBatch: 500,
      },
      'HOLD',
    );
    expect(await exists(deps.checkpointFile)).toBe(false);
    const before = (await reviewIds(deps.store)).length;
    expect(before).toBeGreaterThan(0);
    expect((await lakeStats(deps.lakeDir, model.threshold)).rows).toBeGreaterThan(0);

    const rerun = await ingestInbox(deps, { inbox: deps.inboxDir });
    expect(rerun).toMatchObject({ ingested: 3, skipped: 0, failed: 0 });
    const total = (key: 'accepted' | 'flagged' | 'reviewsCreated') =>
      rerun.files.reduce((n, f) => n + f[key], 0);
    expect(total('reviewsCreated')).toBe(total('flagged') - before);
    const lake = await lakeStats(deps.lakeDir, model.threshold);
    expect(lake).toEqual({
      rows: total('accepted'),
      ids: total('accepted'),
      flagged: total('flagged'),
      unscored: 0,
    });
    const ids = await reviewIds(deps.store);
    expect(ids).toEqual(await lakeFlaggedIds(deps.lakeDir, model.threshold));
    const flaggedEvents = (await scanAll(deps.store, deps.store.tables.audit)).filter(
      (e) => (e.action as { S: string }).S === 'flagged',
    );
    expect(flaggedEvents).toHaveLength(ids.length);
    expect(Object.keys((await loadCheckpoint(deps.checkpointFile)).files)).toHaveLength(3);
  }, 60_000);

  it('fails the run when a file still being written fails while the next one starts, and records neither', async () => {
    const deps = await setup();
    for (const i of [0, 1, 2]) await copyDay(i, deps.inboxDir);
    let lakes = 0;
    const failing = {
      ...deps,
      onEvent: (e: IngestEvent) => {
        if (e.kind === 'lake' && ++lakes === 2) throw new Error('disk full (test)');
      },
    };
    await expect(ingestInbox(failing, { inbox: deps.inboxDir, checkpointEveryMs: 0 })).rejects.toThrow(
      'disk full (test)',
    );
    // The first file was recorded; the second (failed) and third (started after it) were not.
    expect(Object.keys((await loadCheckpoint(deps.checkpointFile)).files)).toEqual([path.basename(days[0]!)]);
    const rerun = await ingestInbox(deps, { inbox: deps.inboxDir });
    expect(rerun).toMatchObject({ ingested: 2, skipped: 1, failed: 0 });
    const accepted = rerun.files.reduce((n, f) => n + f.accepted, 0);
    const first = (await loadCheckpoint(deps.checkpointFile)).files[path.basename(days[0]!)]!.accepted;
    const lake = await lakeStats(deps.lakeDir, model.threshold);
    expect(lake.rows).toBe(accepted + first);
    expect(lake.ids).toBe(lake.rows);
    expect(await reviewIds(deps.store)).toEqual(await lakeFlaggedIds(deps.lakeDir, model.threshold));
  });

  it('goes on from the same state when a source vanished before it was read (the checkpoint deferred)', async () => {
    const deps = await setup();
    const [a, b] = [await copyDay(0, deps.inboxDir), await copyDay(1, deps.inboxDir)];
    const session = openIngestSession(deps, { checkpointEveryMs: 3_600_000 });
    try {
      await session.ingest({ file: a });
      const gone = session.ingest({ file: path.join(deps.inboxDir, 'gone.csv') });
      await expect(gone).rejects.toSatisfy(isFileNotFound);
      await session.ingest({ file: b });
    } finally {
      await session.close();
    }
    const straight = await setup();
    for (const i of [0, 1]) await copyDay(i, straight.inboxDir);
    await ingestInbox(straight, { inbox: straight.inboxDir });
    expect(await lakeScores(deps.lakeDir)).toEqual(await lakeScores(straight.lakeDir));
  });

  it('watches an inbox until aborted, picking up new files and moving bad ones to failed/', async () => {
    const deps = await setup();
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = watchInbox(deps, {
      inbox: deps.inboxDir,
      intervalMs: 50,
      signal: controller.signal,
      onFile: (r) => {
        seen.push(`${r.name}:${r.status}`);
      },
    });
    await copyDay(0, deps.inboxDir);
    await fs.writeFile(path.join(deps.inboxDir, '.zz-broken.json.partial'), '{"not": "an array"');
    await fs.rename(
      path.join(deps.inboxDir, '.zz-broken.json.partial'),
      path.join(deps.inboxDir, 'zz-broken.json'),
    );
    for (let i = 0; i < 200 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const reports = await watching;
    expect(seen).toEqual([`${path.basename(days[0]!)}:ingested`, 'zz-broken.json:failed']);
    expect(reports).toHaveLength(2);
    expect(await fs.readdir(deps.failedDir)).toEqual(['zz-broken.json', 'zz-broken.json.error.txt']);
  });
});
