// Ingestion from and to S3 (s3rver) with the review store on dynalite, both on 127.0.0.1: an inbox
// prefix of CSV and NDJSON objects is ingested in key order into lake parts, quarantine objects and
// failed/ on the bucket; every row is accounted for; a second run changes nothing; and the CLI
// (`npm run ingest -- s3://…`) does the same in a child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fileStoreFromEnv, S3FileStore, type FileStore } from '@/lib/files';
import { startTestS3, type TestS3 } from '@/lib/files/test-support';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { writeInbox } from '@/lib/simulator/write';
import { createStore, ensureTables, startDynalite, type Store } from '@/lib/store';

import { loadCheckpoint } from './checkpoint';
import { ingestInbox } from './inbox';
import { DUPLICATE_REASON, type IngestDeps } from './ingest';
import { CHECKPOINT_KEY } from './io';
import { resolveLocation } from './sources';
import { lakeCounts, scanAll } from './testing/s3-fixtures';

const BUCKET = 'fraud-test';
const REPO = path.resolve(import.meta.dirname, '..', '..');

let root: string;
let csvDays: string[];
let ndjsonDays: string[];
let s3: TestS3;
let endpoint: string;
let closeDynamo: () => Promise<void>;
let model: FraudModel;
const stores: Store[] = [];
const fileStores: FileStore[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-s3-ingest-'));
  const sim = {
    profile: 'realistic' as const,
    start: '2026-01-01',
    days: 2,
    customers: 300,
    terminals: 60,
    seed: 11,
  };
  csvDays = writeInbox(sim, path.join(root, 'csv'), 'csv').files;
  ndjsonDays = writeInbox(sim, path.join(root, 'ndjson'), 'ndjson').files;
  const [server, dynamo, loaded] = await Promise.all([
    startTestS3([BUCKET]),
    startDynalite({ dataDir: path.join(root, 'dynamo') }),
    getModel(),
  ]);
  s3 = server;
  endpoint = dynamo.endpoint;
  closeDynamo = dynamo.close;
  model = loaded;
});

afterAll(async () => {
  for (const s of stores) s.client.destroy();
  for (const f of fileStores) if (f instanceof S3FileStore) f.client.destroy();
  await s3?.close();
  await closeDynamo?.();
  await fs.rm(root, { recursive: true, force: true });
});

async function freshStore(prefix: string): Promise<Store> {
  const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
  stores.push(store);
  await ensureTables(store);
  return store;
}

/** Every object under `prefix` with its bytes and time, for "nothing changed" checks. */
async function snapshot(files: FileStore, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const info of await files.list(prefix))
    out.set(info.key, `${info.modified.getTime()}:${(await files.readBytes(info.key)).toString('base64')}`);
  return out;
}

/** The day-0 CSV with five of its rows (duplicates), three bad rows and twenty rows with fresh ids. */
async function lateCorrections(): Promise<string> {
  const [header, ...rows] = (await fs.readFile(csvDays[0]!, 'utf8')).trimEnd().split('\n');
  return `${[
    header!,
    ...rows.slice(0, 5),
    'not,a,valid,row',
    rows[6]!.replace(/,chip,|,swipe,|,contactless,|,ecommerce,/, ',teleport,'),
    `${rows[7]!.split(',')[0]},2026-13-45T00:00:00Z${rows[7]!.slice(rows[7]!.indexOf('Z') + 1)}`,
    ...rows.slice(20, 40).map((r) => `X${r}`),
  ].join('\n')}\n`;
}

describe('ingestion from s3://bucket/inbox/', () => {
  it('writes lake parts, quarantine and failed/ to the bucket, accounts for every row, and is idempotent', async () => {
    const store = await freshStore('s3a_');
    const files = fileStoreFromEnv(s3.env);
    fileStores.push(files);
    const put = async (key: string, body: string) => {
      await files.write(key, body);
      return body;
    };
    await put('inbox/2026-01-01.csv', await fs.readFile(csvDays[0]!, 'utf8'));
    await put('inbox/2026-01-02.ndjson', await fs.readFile(ndjsonDays[1]!, 'utf8'));
    await put('inbox/2026-01-03-late.csv', await lateCorrections());
    const broken = await put('inbox/zz-broken.csv', 'id,when\n1,2\n');
    await put('inbox/.2026-01-04.csv', 'a partial upload');
    await put('elsewhere/2026-01-05.csv', 'not in the inbox');

    const located = await resolveLocation(`s3://${BUCKET}/inbox/`, files, s3.env);
    expect(located?.kind).toBe('folder');
    if (located?.kind !== 'folder') return;
    // The URL lies inside the deployment's store: same store, so failed/ is a move within it.
    expect(located.folder).toEqual({ files, prefix: 'inbox/' });
    const deps: IngestDeps = { store, model, files, now: () => new Date('2026-02-01T00:00:00Z') };

    const started = performance.now();
    const first = await ingestInbox(deps, { inbox: located.folder });
    const ms = performance.now() - started;
    expect(first.files.map((f) => `${f.name}:${f.status}`)).toEqual([
      '2026-01-01.csv:ingested',
      '2026-01-02.ndjson:ingested',
      '2026-01-03-late.csv:ingested',
      'zz-broken.csv:failed',
    ]);
    for (const f of first.files) expect(f.read).toBe(f.accepted + f.quarantined + f.duplicates);
    const [day1, day2, late, bad] = first.files as [
      (typeof first.files)[0],
      (typeof first.files)[0],
      (typeof first.files)[0],
      (typeof first.files)[0],
    ];
    expect(day1.file).toBe(`s3://${BUCKET}/inbox/2026-01-01.csv`);
    expect(late).toMatchObject({ read: 28, accepted: 20, quarantined: 3, duplicates: 5 });
    console.log(
      `S3 ingest: ${first.rows} rows in ${Math.round(ms)} ms (${Math.round((first.rows * 1000) / ms)} rows/s), ` +
        `phases of ${day1.name}: ${Object.entries(day1.phases)
          .map(([k, v]) => `${k} ${Math.round(v)} ms`)
          .join(', ')}`,
    );

    // Lake parts on S3, read back with DuckDB: each file's own part in the days it touches.
    const parts = (await files.list('lake/')).map((i) => i.key);
    expect(parts).toEqual([
      'lake/transactions/dt=2026-01-01/part-2026-01-01.parquet',
      'lake/transactions/dt=2026-01-01/part-2026-01-03-late.parquet',
      'lake/transactions/dt=2026-01-02/part-2026-01-02.parquet',
    ]);
    const lake = await lakeCounts(files, parts, model.threshold);
    expect(lake.rows).toBe(day1.accepted + day2.accepted + late.accepted);
    expect(lake.ids.size).toBe(lake.rows);
    expect(lake.flagged).toBe(day1.flagged + day2.flagged + late.flagged);
    expect((await lakeCounts(files, [parts[1]!], model.threshold)).rows).toBe(20);
    const reviews = await scanAll(store, store.tables.reviews);
    expect(reviews).toHaveLength(lake.flagged);

    // Quarantine objects with their reasons; none for clean files.
    expect((await files.list('quarantine/')).map((i) => i.key)).toEqual([
      'quarantine/2026-01-03-late.ndjson',
    ]);
    expect(late.quarantineFile).toBe(`s3://${BUCKET}/quarantine/2026-01-03-late.ndjson`);
    const quarantined = (await files.readText('quarantine/2026-01-03-late.ndjson'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; raw: string; reason: string; source: string });
    expect(quarantined).toHaveLength(8);
    expect(quarantined.filter((q) => q.reason === DUPLICATE_REASON).map((q) => q.line)).toEqual([
      2, 3, 4, 5, 6,
    ]);
    expect(quarantined.every((q) => q.source === '2026-01-03-late.csv' && q.reason.length > 0)).toBe(true);

    // The unreadable object moved to failed/ with its error; the inbox no longer holds it.
    expect(bad.failedFile).toBe(`s3://${BUCKET}/failed/zz-broken.csv`);
    expect(await files.exists('inbox/zz-broken.csv')).toBe(false);
    expect(await files.readText('failed/zz-broken.csv')).toBe(broken);
    expect(await files.readText('failed/zz-broken.csv.error.txt')).toMatch(
      /^s3:\/\/fraud-test\/inbox\/zz-broken\.csv: .*lacks required column/,
    );

    // The checkpoint object, written last, knows the three ingested files.
    const checkpoint = await loadCheckpoint({ files, key: CHECKPOINT_KEY });
    expect(Object.keys(checkpoint.files).sort()).toEqual([
      '2026-01-01.csv',
      '2026-01-02.ndjson',
      '2026-01-03-late.csv',
    ]);
    expect(checkpoint.files['2026-01-03-late.csv']).toMatchObject({ read: 28, duplicates: 5 });
    expect(await files.exists('elsewhere/2026-01-05.csv')).toBe(true);

    // A second run skips everything and changes no object and no review item.
    const before = await snapshot(files, '');
    const second = await ingestInbox(deps, { inbox: located.folder });
    expect(second).toMatchObject({ ingested: 0, skipped: 3, failed: 0 });
    expect(await snapshot(files, '')).toEqual(before);
    expect(await scanAll(store, store.tables.reviews)).toEqual(reviews);
  });

  it('runs as `npm run ingest -- s3://bucket/prefix` with the outputs under FRAUD_S3_PREFIX', async () => {
    const prefix = 'cli_';
    // The child sees only this test's FRAUD_* settings.
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('FRAUD_')) delete env[key];
    Object.assign(env, s3.env, {
      FRAUD_S3_PREFIX: 'cli',
      FRAUD_DYNAMODB_ENDPOINT: endpoint,
      FRAUD_TABLE_PREFIX: prefix,
      FRAUD_DATA_DIR: path.join(root, 'cli-data'),
    });
    const files = fileStoreFromEnv(env);
    fileStores.push(files);
    await files.write('inbox/2026-01-01.csv', await fs.readFile(csvDays[0]!));
    await files.write('inbox/2026-01-02.ndjson', await fs.readFile(ndjsonDays[1]!));

    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          path.join(REPO, 'node_modules', '.bin', 'tsx'),
          ['scripts/ingest.ts', `s3://${BUCKET}/cli/inbox/`],
          { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
      });
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(
      `ingest s3://${BUCKET}/cli/inbox/ → lake, quarantine, failed/ and checkpoint in s3://${BUCKET}/cli/`,
    );
    expect(first.stderr).toMatch(
      /\[1\/2\] 2026-01-01\.csv: ([\d,]+) rows \(\1 so far, [\d,]+\/s\) · read [\d,]+ = accepted/,
    );
    expect(first.stderr).toMatch(/\[2\/2\] 2026-01-02\.ndjson: [\d,]+ rows \([\d,]+ so far, /);
    expect(first.stderr).toMatch(/checkpoint: 2 files recorded\ndone: 2 ingested, 0 skipped, 0 failed/);
    expect((await files.list('lake/')).map((i) => i.key)).toEqual([
      'lake/transactions/dt=2026-01-01/part-2026-01-01.parquet',
      'lake/transactions/dt=2026-01-02/part-2026-01-02.parquet',
    ]);
    expect(await files.exists(CHECKPOINT_KEY)).toBe(true);
    const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
    stores.push(store);
    const checkpoint = await loadCheckpoint({ files, key: CHECKPOINT_KEY });
    const flagged = Object.values(checkpoint.files).reduce((n, f) => n + f.flagged, 0);
    expect(flagged).toBeGreaterThan(0);
    expect(await scanAll(store, store.tables.reviews)).toHaveLength(flagged);

    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/done: 0 ingested, 2 skipped, 0 failed/);
  }, 200_000);
});
