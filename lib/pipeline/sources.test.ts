// Sources: locations inside the pipeline's store become its keys (so failed/ is a move within it),
// others get a store of their own; inbox listings are recursive, in key order, without dot files,
// other formats or the pipeline's own outputs, and refuse two files with one name; and a bad file
// from outside the store still ends up in failed/ with its error.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createS3Client, LocalFileStore, S3FileStore } from '@/lib/files';

import { moveToFailed } from './io';
import {
  DuplicateSourceNameError,
  listSources,
  localFolder,
  localSource,
  objectSource,
  resolveLocation,
} from './sources';

let dir: string;
let out: LocalFileStore;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'fraud-sources-'));
  out = new LocalFileStore(path.join(dir, 'data'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function touch(file: string, text = 'x'): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

describe('sources', () => {
  it('maps local paths inside the data folder to its keys, and others to a store of their own', async () => {
    expect(localSource(path.join(dir, 'data', 'inbox', 'a.csv'), out)).toEqual({
      files: out,
      key: 'inbox/a.csv',
    });
    const outside = localSource(path.join(dir, 'elsewhere', 'b.csv'), out);
    expect(outside.files).not.toBe(out);
    expect(outside.key).toBe('b.csv');
    expect(outside.files.locate(outside.key)).toBe(path.join(dir, 'elsewhere', 'b.csv'));
    expect(localFolder(path.join(dir, 'data', 'inbox'), out)).toEqual({ files: out, prefix: 'inbox/' });
    expect(localFolder(path.join(dir, 'data'), out)).toEqual({ files: out, prefix: '' });

    await touch(path.join(dir, 'data', 'inbox', 'a.csv'));
    expect(await resolveLocation(path.join(dir, 'data', 'inbox', 'a.csv'), out)).toEqual({
      kind: 'file',
      source: { files: out, key: 'inbox/a.csv' },
    });
    expect(await resolveLocation(path.join(dir, 'nope'), out)).toBeNull();
  });

  it('maps S3 objects inside the deployment store (bucket + prefix) to its keys', () => {
    const client = createS3Client({
      kind: 's3',
      bucket: 'data',
      prefix: '',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    try {
      const store = new S3FileStore({ client, bucket: 'data', prefix: 'prod' });
      const other = new S3FileStore({ client, bucket: 'raw' });
      const bucketStore = (bucket: string) =>
        bucket === 'raw' ? other : new S3FileStore({ client, bucket });
      expect(objectSource('data', 'prod/inbox/a.csv', store, bucketStore)).toEqual({
        files: store,
        key: 'inbox/a.csv',
      });
      expect(objectSource('raw', 'prod/inbox/a.csv', store, bucketStore)).toEqual({
        files: other,
        key: 'prod/inbox/a.csv',
      });
      // Same bucket, outside the prefix: the object is addressed from the bucket's root.
      const sibling = objectSource('data', 'staging/a.csv', store, bucketStore);
      expect(sibling.files).not.toBe(store);
      expect(sibling.files.locate(sibling.key)).toBe('s3://data/staging/a.csv');
    } finally {
      client.destroy();
    }
  });

  it('lists transaction files recursively in key order, without dot files or the pipeline outputs', async () => {
    const root = path.join(dir, 'data');
    for (const f of [
      'inbox/b.ndjson',
      'inbox/2026/01/a.csv',
      'inbox/.c.csv.partial',
      'inbox/.d.csv',
      'inbox/notes.txt',
      'top.json',
      'quarantine/q.ndjson',
      'failed/e.csv',
      'lake/transactions/dt=2026-01-01/part-a.parquet',
      'pipeline/checkpoint.json',
    ])
      await touch(path.join(root, f));
    const keys = async (prefix: string) => (await listSources({ files: out, prefix }, out)).map((s) => s.key);
    expect(await keys('inbox/')).toEqual(['inbox/2026/01/a.csv', 'inbox/b.ndjson']);
    expect(await keys('')).toEqual(['inbox/2026/01/a.csv', 'inbox/b.ndjson', 'top.json']);
    // The same folder seen as a foreign store is only a folder: nothing is excluded by area.
    const foreign = new LocalFileStore(root);
    expect((await listSources({ files: foreign, prefix: '' }, out)).map((s) => s.key)).toContain(
      'quarantine/q.ndjson',
    );

    await touch(path.join(root, 'inbox', '2026', '02', 'b.ndjson'));
    await expect(listSources({ files: out, prefix: 'inbox/' }, out)).rejects.toThrow(
      DuplicateSourceNameError,
    );
  });

  it('moves a bad file from outside the data folder into its failed/ with the error', async () => {
    const file = path.join(dir, 'elsewhere', 'bad.csv');
    await touch(file, 'id\n1\n');
    const failed = await moveToFailed(localSource(file, out), out, 'bad.csv: lacks required columns');
    expect(failed).toBe(path.join(dir, 'data', 'failed', 'bad.csv'));
    expect(await fs.readFile(failed, 'utf8')).toBe('id\n1\n');
    expect(await fs.readFile(`${failed}.error.txt`, 'utf8')).toBe('bad.csv: lacks required columns\n');
    await expect(fs.access(file)).rejects.toThrow();
    // A retried move (the source already gone, the copy in place) succeeds.
    await expect(moveToFailed(localSource(file, out), out, 'again')).resolves.toBe(failed);
  });
});
