// What only the local folder can get wrong: paths outside the root, temporary files, folders.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FileNotFoundError, FileStoreError, InvalidKeyError } from './errors';
import { LocalFileStore } from './local-store';

let root: string;
let store: LocalFileStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'fraud-local-'));
  store = new LocalFileStore(path.join(root, 'data'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('LocalFileStore', () => {
  it('maps keys below the root and refuses keys that escape it', async () => {
    expect(store.locate('inbox/a.csv')).toBe(path.join(root, 'data', 'inbox', 'a.csv'));
    for (const key of [
      '../outside.txt',
      'inbox/../../outside.txt',
      '/tmp/outside.txt',
      '..',
      'inbox\\..\\..\\x',
    ]) {
      expect(() => store.locate(key), key).toThrow(InvalidKeyError);
      await expect(store.write(key, 'x'), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('hides in-flight temporary files from list and cleans them up on failure', async () => {
    await store.write('inbox/a.csv', 'a');
    // A temporary file left by a killed writer is not a file of the store.
    await writeFile(path.join(root, 'data', 'inbox', '.b.csv.fstmp-123-abcd'), 'partial');
    expect((await store.list('inbox/')).map((f) => f.key)).toEqual(['inbox/a.csv']);
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from('x');
      throw new Error('boom');
    }
    await expect(store.write('inbox/c.csv', broken())).rejects.toThrow('boom');
    expect((await readdir(path.join(root, 'data', 'inbox'))).sort()).toEqual([
      '.b.csv.fstmp-123-abcd',
      'a.csv',
    ]);
  });

  it('treats folders as absent files and reports fs failures as FileStoreError', async () => {
    await mkdir(path.join(root, 'data', 'lake', 'transactions'), { recursive: true });
    await expect(store.stat('lake/transactions')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(store.read('lake/transactions')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(store.readBytes('lake/transactions')).rejects.toBeInstanceOf(FileNotFoundError);
    const error = await store.write('lake/transactions', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileStoreError);
    expect((error as FileStoreError).message).toMatch(/^write .*lake\/transactions failed: /);
    // A file where a folder is needed.
    await store.write('models/v1', 'file');
    await expect(store.write('models/v1/model.onnx', 'x')).rejects.toBeInstanceOf(FileStoreError);
  });

  it('lists through symlinked folders only as the files they hold, never outside the prefix', async () => {
    const outside = path.join(root, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'secret.txt'), 'x');
    await mkdir(path.join(root, 'data', 'quarantine'), { recursive: true });
    await symlink(outside, path.join(root, 'data', 'quarantine', 'link'));
    // Symlinks are neither files nor folders to the walker: nothing outside the root is listed.
    expect((await store.list('quarantine/')).map((f) => f.key)).toEqual([]);
  });
});
