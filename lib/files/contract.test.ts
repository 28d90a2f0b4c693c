// The FileStore contract, run unchanged against the local folder and against S3 (s3rver on loopback
// through the real @aws-sdk/client-s3): whatever passes here may be relied on by the pipeline on
// either deployment.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withDuckDB } from '@/lib/lake/duckdb';
import { readTransactionBatches } from '@/lib/schema/readers';

import { FileNotFoundError, FileStoreError, InvalidKeyError } from './errors';
import type { FileStore } from './file-store';
import { compareKeys, lakePartKey } from './keys';
import { LocalFileStore } from './local-store';
import { S3FileStore } from './s3-store';
import { startTestS3, type TestS3 } from './test-support';

interface Backend {
  name: 'local' | 's3';
  /** A fresh, empty store. */
  open(): Promise<FileStore>;
  /** Commands the S3 client sent since the store was opened, by name (empty for local). */
  sent(): string[];
}

const tempDirs: string[] = [];
let s3: TestS3;
let s3Stores = 0;
let s3Sent: string[] = [];

beforeAll(async () => {
  s3 = await startTestS3(['fraud-contract']);
  // Records each command the real client sends, to observe pagination and multipart from outside.
  s3.client.middlewareStack.add(
    (next, context) => async (args) => {
      s3Sent.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
});

afterAll(async () => {
  await s3?.close();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const backends: Backend[] = [
  {
    name: 'local',
    open: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'fraud-files-'));
      tempDirs.push(dir);
      return new LocalFileStore(dir);
    },
    sent: () => [],
  },
  {
    name: 's3',
    open: async () => {
      s3Sent = [];
      // One prefix per test keeps tests independent inside one bucket (and exercises the prefix).
      return new S3FileStore({ client: s3.client, bucket: 'fraud-contract', prefix: `run-${++s3Stores}` });
    },
    sent: () => s3Sent,
  },
];

async function* slowly(chunks: Buffer[], gate: Promise<void>): AsyncGenerator<Buffer> {
  for (const [i, chunk] of chunks.entries()) {
    if (i === 1) await gate;
    yield chunk;
  }
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Bounded concurrency for bulk seeding. */
async function inParallel<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe.each(backends)('FileStore contract: $name', (backend) => {
  it('writes, reads back and replaces text and bytes', async () => {
    const store = await backend.open();
    expect(await store.write('inbox/day-1.csv', 'a,b\n1,2\n')).toEqual({ key: 'inbox/day-1.csv', size: 8 });
    expect(await store.readText('inbox/day-1.csv')).toBe('a,b\n1,2\n');
    const bytes = Buffer.from([0, 255, 1, 254]);
    await store.write('models/v1/model.onnx', bytes);
    expect((await store.readBytes('models/v1/model.onnx')).equals(bytes)).toBe(true);
    await store.write('inbox/day-1.csv', 'replaced');
    expect(await store.readText('inbox/day-1.csv')).toBe('replaced');
    const info = await store.stat('inbox/day-1.csv');
    expect(info.size).toBe(8);
    expect(Math.abs(info.modified.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await store.exists('inbox/day-1.csv')).toBe(true);
    expect(await store.exists('inbox/day-2.csv')).toBe(false);
    await store.write('quarantine/empty.ndjson', '');
    expect(await store.readText('quarantine/empty.ndjson')).toBe('');
  });

  it('lists by string prefix in key order across pages (1,010 keys)', async () => {
    const store = await backend.open();
    // Written in reverse so neither creation order nor a single page can pass for sorted output.
    const keys = Array.from(
      { length: 1010 },
      (_, i) => `inbox/many/f-${String(i).padStart(5, '0')}.csv`,
    ).reverse();
    await inParallel(keys, 32, (key) => store.write(key, key));
    await store.write('inbox/other.csv', 'x');
    await store.write('inboxes/not-inbox.csv', 'x');
    await store.write('lake/transactions/dt=2024-01-02/part-b.parquet', 'x');
    await store.write('lake/transactions/dt=2024-01-10/part-a.parquet', 'x');

    const sentBefore = backend.sent().length;
    const listed = await store.list('inbox/many/');
    expect(listed.map((f) => f.key)).toEqual([...keys].sort(compareKeys));
    expect(listed[0]).toMatchObject({ key: 'inbox/many/f-00000.csv', size: 'inbox/many/f-00000.csv'.length });
    if (backend.name === 's3') {
      // s3rver, like S3, returns at most 1,000 keys per page: 1,000 + 10.
      expect(
        backend
          .sent()
          .slice(sentBefore)
          .filter((c) => c === 'ListObjectsV2Command'),
      ).toHaveLength(2);
    }
    // A partial last segment is a string prefix, as on S3, not a folder name.
    expect((await store.list('inbox/many/f-0100')).map((f) => f.key)).toEqual(
      Array.from({ length: 10 }, (_, i) => `inbox/many/f-0100${i}.csv`),
    );
    expect((await store.list('inbox/o')).map((f) => f.key)).toEqual(['inbox/other.csv']);
    expect((await store.list('inbox')).length).toBe(1012);
    expect((await store.list('lake/transactions/')).map((f) => f.key)).toEqual([
      'lake/transactions/dt=2024-01-02/part-b.parquet',
      'lake/transactions/dt=2024-01-10/part-a.parquet',
    ]);
    expect(await store.list('failed/')).toEqual([]);
    expect((await store.list('')).length).toBe(1014);
  });

  it('streams a 12 MiB object both ways', async () => {
    const store = await backend.open();
    const data = randomBytes(12 * 1024 * 1024);
    const chunks = Array.from({ length: data.length / 65536 }, (_, i) =>
      data.subarray(i * 65536, (i + 1) * 65536),
    );
    const key = lakePartKey('2024-03-01', 'big');
    const started = performance.now();
    const written = await store.write(key, Readable.from(chunks));
    const wroteMs = performance.now() - started;
    expect(written).toEqual({ key, size: data.length });
    const readStarted = performance.now();
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of await store.read(key)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    const readMs = performance.now() - readStarted;
    expect(bytes).toBe(data.length);
    expect(hash.digest('hex')).toBe(sha(data));
    expect((await store.stat(key)).size).toBe(data.length);
    if (backend.name === 's3') {
      // 8 MiB parts: one full part and the 4 MiB remainder.
      expect(backend.sent().filter((c) => c === 'UploadPartCommand')).toHaveLength(2);
    }
    console.info(
      `[files:${backend.name}] 12 MiB stream: write ${wroteMs.toFixed(0)} ms, read ${readMs.toFixed(0)} ms`,
    );
  });

  it('publishes a write only when it is complete', async () => {
    const store = await backend.open();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const writing = store.write('inbox/late.csv', slowly([Buffer.from('a,b\n'), Buffer.from('1,2\n')], gate));
    // The first chunk has been consumed; the file must not be visible yet, under any listing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.list('')).toEqual([]);
    expect(await store.exists('inbox/late.csv')).toBe(false);
    open();
    await writing;
    expect(await store.readText('inbox/late.csv')).toBe('a,b\n1,2\n');
    expect((await store.list('')).map((f) => f.key)).toEqual(['inbox/late.csv']);
  });

  it('keeps the previous file when a streamed write fails', async () => {
    const store = await backend.open();
    async function* broken(bytes: number): AsyncGenerator<Buffer> {
      for (let sent = 0; sent < bytes; sent += 1 << 20) yield Buffer.alloc(1 << 20);
      throw new Error('source disconnected');
    }
    await store.write('inbox/broken.csv', 'previous version');
    await expect(store.write('inbox/broken.csv', broken(1 << 20))).rejects.toThrow(/source disconnected/);
    // 9 MiB: on S3 a multipart upload with one part sent is under way when the source fails.
    await expect(store.write('inbox/broken.csv', broken(9 << 20))).rejects.toThrow(/source disconnected/);
    expect((await store.list('')).map((f) => f.key)).toEqual(['inbox/broken.csv']);
    expect(await store.readText('inbox/broken.csv')).toBe('previous version');
  });

  it('moves idempotently, replacing the target', async () => {
    const store = await backend.open();
    const from = 'inbox/2024-01-01 batch&1,a=b.csv';
    const to = 'failed/2024-01-01 batch&1,a=b.csv';
    await store.write(from, 'bad file');
    await store.move(from, to);
    expect(await store.exists(from)).toBe(false);
    expect(await store.readText(to)).toBe('bad file');
    // A retried move (source gone, target present) succeeds and changes nothing.
    await store.move(from, to);
    expect(await store.readText(to)).toBe('bad file');
    // Replaces an existing target; keys with `=` (partitions) survive the copy.
    await store.write('lake/transactions/dt=2024-01-01/part-x.parquet', 'new');
    await store.write('lake/transactions/dt=2024-01-02/part-x.parquet', 'old');
    await store.move(
      'lake/transactions/dt=2024-01-01/part-x.parquet',
      'lake/transactions/dt=2024-01-02/part-x.parquet',
    );
    expect(await store.readText('lake/transactions/dt=2024-01-02/part-x.parquet')).toBe('new');
    expect((await store.list('lake/')).map((f) => f.key)).toEqual([
      'lake/transactions/dt=2024-01-02/part-x.parquet',
    ]);
    // Moving onto itself is a no-op for an existing file.
    await store.move(to, to);
    expect(await store.readText(to)).toBe('bad file');
    await expect(store.move('inbox/none.csv', 'failed/none.csv')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('reports missing files as FileNotFoundError, without SDK noise', async () => {
    const store = await backend.open();
    const key = 'inbox/missing.csv';
    const attempts: (() => Promise<unknown>)[] = [
      () => store.stat(key),
      () => store.read(key),
      () => store.readBytes(key),
      () => store.readText(key),
      () => store.withLocalCopy(key, async () => 'ran'),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FileNotFoundError);
      expect((error as FileNotFoundError).key).toBe(key);
      expect((error as Error).message).toBe(`no such file: ${store.locate(key)}`);
      expect(Object.keys(error as object)).not.toContain('$metadata');
    }
    // Deleting is idempotent.
    await store.delete(key);
    await store.write(key, 'x');
    await store.delete(key);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
  });

  it('refuses keys outside the layout rules', async () => {
    const store = await backend.open();
    for (const key of [
      '',
      '../x',
      'inbox/../../etc/passwd',
      '/etc/passwd',
      'a//b',
      'a/./b',
      'inbox/',
      'a\\b',
      'a\u0000b',
      'C:/x',
    ]) {
      await expect(store.write(key, 'x'), key).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.read(key), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
    await expect(store.list('../')).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(store.move('inbox/a.csv', '../a.csv')).rejects.toBeInstanceOf(InvalidKeyError);
    expect(await store.list('')).toEqual([]);
  });

  it('round-trips Parquet through DuckDB with withLocalOutput / withLocalCopy', async () => {
    const store = await backend.open();
    const key = lakePartKey('2024-02-29', 'duck');
    const rows = await withDuckDB(async (db) => {
      await store.withLocalOutput(key, async (file) => {
        await db.run(`COPY (SELECT range AS n FROM range(1000)) TO '${file}' (FORMAT parquet)`);
      });
      expect((await store.list('lake/')).map((f) => f.key)).toEqual([key]);
      return store.withLocalCopy(key, async (file) => {
        expect(path.basename(file)).toBe('part-duck.parquet');
        const reader = await db.runAndReadAll(
          `SELECT count(*)::INTEGER AS c, sum(n)::INTEGER AS s FROM read_parquet('${file}')`,
        );
        return reader.getRowObjectsJS();
      });
    });
    expect(rows).toEqual([{ c: 1000, s: 499_500 }]);
    // A producer that fails or writes nothing publishes nothing.
    await expect(
      store.withLocalOutput('lake/x.parquet', async () => Promise.reject(new Error('duckdb failed'))),
    ).rejects.toThrow('duckdb failed');
    await expect(store.withLocalOutput('lake/y.parquet', async () => undefined)).rejects.toBeInstanceOf(
      FileStoreError,
    );
    expect((await store.list('lake/')).map((f) => f.key)).toEqual([key]);
  });

  it('copies local files in with fromLocalFile and feeds the schema readers from a stream', async () => {
    const store = await backend.open();
    const dir = await mkdtemp(path.join(tmpdir(), 'fraud-files-src-'));
    tempDirs.push(dir);
    const local = path.join(dir, 'day.ndjson');
    await writeFile(local, '{"not":"a transaction"}\n');
    expect(await store.fromLocalFile(local, 'inbox/day.ndjson')).toEqual({
      key: 'inbox/day.ndjson',
      size: 24,
    });
    expect(await readFile(local, 'utf8')).toBe('{"not":"a transaction"}\n');
    let results = 0;
    for await (const batch of readTransactionBatches(await store.read('inbox/day.ndjson'), {
      name: 'inbox/day.ndjson',
    })) {
      for (const r of batch) {
        results++;
        expect(r.ok).toBe(false);
      }
    }
    expect(results).toBe(1);
    await expect(
      store.fromLocalFile(path.join(dir, 'absent.csv'), 'inbox/absent.csv'),
    ).rejects.toBeInstanceOf(FileStoreError);
  });
});
