// The Lambda handler against s3rver and dynalite on 127.0.0.1, built from the environment as in AWS:
// a direct ObjectCreated event and an SQS-wrapped one create review items; an unreadable object
// rejects the invocation (so the DLQ gets the event) after it is moved to failed/; objects outside the
// inboxes are skipped; a redelivered event changes nothing; and a store outage rejects with the
// store's error, leaving the object in the inbox.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { S3FileStore } from '@/lib/files';
import { startTestS3, type TestS3 } from '@/lib/files/test-support';
import type { FraudModel } from '@/lib/model/scorer';
import { writeInbox } from '@/lib/simulator/write';
import { createStore, startDynalite, type Store } from '@/lib/store';

import { loadCheckpoint } from './checkpoint';
import { IngestFailedError } from './ingest';
import { CHECKPOINT_KEY } from './io';
import { createIngestHandler, ingestHandlerDepsFromEnv, type IngestHandler } from './lambda';
import { lakeCounts, s3Event, scanAll, sqsEvent } from './testing/s3-fixtures';

const DATA = 'fraud-data';
const RAW = 'fraud-raw';

let root: string;
let csvDays: string[];
let ndjsonDays: string[];
let s3: TestS3;
let endpoint: string;
let closeDynamo: () => Promise<void>;
let store: Store;
let data: S3FileStore;
let raw: S3FileStore;
let handler: IngestHandler;
let model: FraudModel;
const lines: string[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-lambda-'));
  const sim = {
    profile: 'realistic' as const,
    start: '2026-01-01',
    days: 2,
    customers: 300,
    terminals: 60,
    seed: 5,
  };
  csvDays = writeInbox(sim, path.join(root, 'csv'), 'csv').files;
  ndjsonDays = writeInbox(sim, path.join(root, 'ndjson'), 'ndjson').files;
  const [server, dynamo] = await Promise.all([
    startTestS3([DATA, RAW]),
    startDynalite({ dataDir: path.join(root, 'dynamo') }),
  ]);
  s3 = server;
  endpoint = dynamo.endpoint;
  closeDynamo = dynamo.close;
  // The deployment: files under s3://fraud-data/prod/, its own inbox plus an upstream bucket's prefix.
  const env = {
    ...s3.env,
    FRAUD_S3_BUCKET: DATA,
    FRAUD_S3_PREFIX: 'prod',
    FRAUD_DYNAMODB_ENDPOINT: endpoint,
    FRAUD_TABLE_PREFIX: 'lambda_',
    FRAUD_INGEST_INBOX: `s3://${DATA}/prod/inbox/, s3://${RAW}/incoming`,
  };
  const deps = await ingestHandlerDepsFromEnv(env);
  handler = createIngestHandler({ ...deps, log: (line) => lines.push(line) });
  data = deps.ingest.files as S3FileStore;
  raw = new S3FileStore({ client: s3.client, bucket: RAW });
  store = deps.ingest.store;
  model = deps.ingest.model;
});

afterAll(async () => {
  await handler?.close();
  await s3?.close();
  await closeDynamo?.();
  await fs.rm(root, { recursive: true, force: true });
});

describe('the S3 ObjectCreated Lambda handler', () => {
  it('ingests a direct event and an SQS-wrapped one into the lake and the review queue', async () => {
    // A key with spaces arrives form-encoded ('+') in the event.
    await data.write('inbox/day one.csv', await fs.readFile(csvDays[0]!));
    const direct = await handler(s3Event([{ bucket: DATA, key: 'prod/inbox/day one.csv' }]));
    expect(direct.reports.map((r) => `${r.file}:${r.status}`)).toEqual([
      `s3://${DATA}/prod/inbox/day one.csv:ingested`,
    ]);
    const first = direct.reports[0]!;
    expect(first.flagged).toBeGreaterThan(0);
    expect(first.reviewsCreated).toBe(first.flagged);

    // Upstream's bucket, through SQS: read from there, written to the deployment's store.
    await raw.write('incoming/2026-01-02.ndjson', await fs.readFile(ndjsonDays[1]!));
    const queued = await handler(sqsEvent([s3Event([{ bucket: RAW, key: 'incoming/2026-01-02.ndjson' }])]));
    const second = queued.reports[0]!;
    expect(second).toMatchObject({ status: 'ingested', file: `s3://${RAW}/incoming/2026-01-02.ndjson` });
    expect(second.read).toBe(second.accepted + second.quarantined + second.duplicates);

    const parts = (await data.list('lake/')).map((i) => i.key);
    expect(parts).toEqual([
      'lake/transactions/dt=2026-01-01/part-day_one.parquet',
      'lake/transactions/dt=2026-01-02/part-2026-01-02.parquet',
    ]);
    const lake = await lakeCounts(data, parts, model.threshold);
    expect(lake.rows).toBe(first.accepted + second.accepted);
    expect(lake.flagged).toBe(first.flagged + second.flagged);
    const reviews = await scanAll(store, store.tables.reviews);
    expect(reviews).toHaveLength(first.flagged + second.flagged);
    const checkpoint = await loadCheckpoint({ files: data, key: CHECKPOINT_KEY });
    expect(Object.keys(checkpoint.files).sort()).toEqual(['2026-01-02.ndjson', 'day one.csv']);

    // S3 delivers at least once: the same event again changes nothing.
    const again = await handler(s3Event([{ bucket: DATA, key: 'prod/inbox/day one.csv' }]));
    expect(again.reports[0]!.status).toBe('skipped');
    expect(await scanAll(store, store.tables.reviews)).toEqual(reviews);

    // The pipeline's own objects (a bucket-wide notification) are not inputs.
    const own = await handler(
      s3Event([
        { bucket: DATA, key: `prod/${parts[0]!}` },
        { bucket: DATA, key: 'prod/failed/x.csv' },
      ]),
    );
    expect(own).toEqual({
      reports: [],
      skipped: [`s3://${DATA}/prod/${parts[0]!}`, `s3://${DATA}/prod/failed/x.csv`],
    });
    expect(lines.some((l) => l.startsWith(`ingested s3://${DATA}/prod/inbox/day one.csv: read `))).toBe(true);
  });

  it('rejects for an unreadable object after moving it to failed/ with its error', async () => {
    await raw.write('incoming/broken.json', '{"not": "an array"');
    const event = sqsEvent([s3Event([{ bucket: RAW, key: 'incoming/broken.json' }])]);
    const error: unknown = await handler(event).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestFailedError);
    expect((error as IngestFailedError).failedFile).toBe(`s3://${DATA}/prod/failed/broken.json`);
    expect(await raw.exists('incoming/broken.json')).toBe(false);
    expect(await data.readText('failed/broken.json')).toBe('{"not": "an array"');
    expect(await data.readText('failed/broken.json.error.txt')).toMatch(
      /^s3:\/\/fraud-raw\/incoming\/broken\.json: .*array/,
    );
    // Lambda's retry finds the object gone and rejects again; the DLQ gets the event either way.
    await expect(handler(event)).rejects.toThrow(/no such file: s3:\/\/fraud-raw\/incoming\/broken\.json/);
    // A malformed event is refused, not dropped.
    await expect(handler({ Records: [{ eventSource: 'aws:kinesis' }] })).rejects.toThrow(/record 0/);
  });

  it('rejects with the store error when the review store is down, leaving the object in the inbox', async () => {
    const down = createStore({
      connection: { kind: 'embedded', endpoint: 'http://127.0.0.1:9' },
      tablePrefix: 'down_',
      maxAttempts: 1,
      requestTimeoutMs: 2_000,
    });
    const outage = createIngestHandler({
      ingest: { store: down, model, files: data },
      inboxes: [{ bucket: DATA, path: 'prod/inbox/' }],
      bucketStore: (bucket) => new S3FileStore({ client: s3.client, bucket }),
      log: () => undefined,
    });
    try {
      // Fresh ids, so rows are flagged and the store is needed.
      const [header, ...rows] = (await fs.readFile(csvDays[1]!, 'utf8')).trimEnd().split('\n');
      await data.write('inbox/2026-01-02-again.csv', `${[header, ...rows.map((r) => `Z${r}`)].join('\n')}\n`);
      const error: unknown = await outage(
        s3Event([{ bucket: DATA, key: 'prod/inbox/2026-01-02-again.csv' }]),
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(IngestFailedError);
      expect(String(error)).toMatch(/ECONNREFUSED|connect/);
      expect(await data.exists('inbox/2026-01-02-again.csv')).toBe(true);
      expect(await data.exists('failed/2026-01-02-again.csv')).toBe(false);
      const checkpoint = await loadCheckpoint({ files: data, key: CHECKPOINT_KEY });
      expect(checkpoint.files['2026-01-02-again.csv']).toBeUndefined();
    } finally {
      await outage.close();
      down.client.destroy();
    }
  });
});
