// FileStore over a local folder: key `a/b/c` is the file `<root>/a/b/c`. This is the embedded
// deployment's form of the S3 bucket, so it copies S3's guarantees where a folder can: a write goes
// to a hidden temporary file beside the target and is renamed into place (readers see the whole old
// file or the whole new one), moves are renames, and keys that would escape the root are refused.
// Empty folders left by moves and deletes are kept: removing them would race a concurrent writer
// that has just created the folder for its temporary file.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { bodyChunks } from './body';
import { FileNotFoundError, FileStoreError, InvalidKeyError } from './errors';
import type { FileInfo, FileStore, WriteBody, WriteResult } from './file-store';
import { assertKey, assertPrefix, compareKeys } from './keys';

// `.name.fstmp-<pid>-<hex>`: recognisable, so list() hides in-flight writes, and dot-prefixed, so the
// inbox readers that skip dot files (lib/lake/build.ts) ignore them too.
const TEMP_MARK = '.fstmp-';
const isTemp = (name: string): boolean => name.startsWith('.') && name.includes(TEMP_MARK);

export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
  }

  /** The absolute path of a key; InvalidKeyError for keys that would leave the root. */
  locate(key: string): string {
    assertKey(key);
    const file = path.resolve(this.rootDir, ...key.split('/'));
    // The key rules already exclude `..` and absolute keys; this guards against anything they miss.
    if (!file.startsWith(this.rootDir + path.sep))
      throw new InvalidKeyError(key, 'resolves outside the store root');
    return file;
  }

  async list(prefix: string): Promise<FileInfo[]> {
    assertPrefix(prefix);
    // Walk only the deepest folder the prefix names; its last partial segment filters names.
    const slash = prefix.lastIndexOf('/');
    const dirKey = slash < 0 ? '' : prefix.slice(0, slash);
    const start = dirKey === '' ? this.rootDir : this.locate(dirKey);
    const out: FileInfo[] = [];
    await this.walk(start, dirKey, prefix, out);
    return out.sort((a, b) => compareKeys(a.key, b.key));
  }

  private async walk(dir: string, dirKey: string, prefix: string, out: FileInfo[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return;
      throw this.fail('list', dir, error);
    }
    await Promise.all(
      entries.map(async (entry) => {
        if (isTemp(entry.name)) return;
        const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          // Descend only where the prefix can still match below.
          if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`))
            await this.walk(full, key, prefix, out);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          try {
            const s = await fs.stat(full);
            out.push({ key, size: s.size, modified: s.mtime });
          } catch (error) {
            // Moved or deleted while listing: it is simply not there any more.
            if (errno(error) !== 'ENOENT') throw this.fail('list', full, error);
          }
        }
      }),
    );
  }

  async stat(key: string): Promise<FileInfo> {
    const file = this.locate(key);
    try {
      const s = await fs.stat(file);
      if (!s.isFile()) throw new FileNotFoundError(key, file);
      return { key, size: s.size, modified: s.mtime };
    } catch (error) {
      throw this.fail('stat', file, error, key);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.stat(key);
      return true;
    } catch (error) {
      if (error instanceof FileNotFoundError) return false;
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const file = this.locate(key);
    let handle;
    try {
      handle = await fs.open(file, 'r');
      // Opening a folder succeeds on Linux; reading it would fail later, inside the stream.
      if (!(await handle.stat()).isFile()) throw new FileNotFoundError(key, file);
    } catch (error) {
      await handle?.close();
      throw this.fail('read', file, error, key);
    }
    return handle.createReadStream();
  }

  async readBytes(key: string): Promise<Buffer> {
    const file = this.locate(key);
    try {
      return await fs.readFile(file);
    } catch (error) {
      throw this.fail('read', file, error, key);
    }
  }

  async readText(key: string): Promise<string> {
    return (await this.readBytes(key)).toString('utf8');
  }

  async write(key: string, body: WriteBody): Promise<WriteResult> {
    const file = this.locate(key);
    const { size } = await this.publish(file, async (tmp) => {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        await fs.writeFile(tmp, body);
      } else {
        await pipeline(Readable.from(bodyChunks(body)), createWriteStream(tmp));
      }
    });
    return { key, size };
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.locate(from);
    const target = this.locate(to);
    if (source === target) {
      await this.stat(from);
      return;
    }
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(source, target);
    } catch (error) {
      if (errno(error) === 'ENOENT' && (await this.exists(to))) return;
      throw this.fail('move', `${source} -> ${target}`, error, from, source);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.locate(key);
    try {
      await fs.rm(file, { force: true });
    } catch (error) {
      throw this.fail('delete', file, error);
    }
  }

  async withLocalCopy<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T> {
    const file = this.locate(key);
    await this.stat(key);
    return fn(file);
  }

  async fromLocalFile(localPath: string, key: string): Promise<WriteResult> {
    const file = this.locate(key);
    const { size } = await this.publish(file, async (tmp) => {
      try {
        await fs.copyFile(localPath, tmp);
      } catch (error) {
        throw this.fail('copy', localPath, error);
      }
    });
    return { key, size };
  }

  async withLocalOutput<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T> {
    const { value } = await this.publish(this.locate(key), fn);
    return value;
  }

  /** Runs `produce` on a temporary file beside `file`, then renames it into place (atomic on POSIX). */
  private async publish<T>(
    file: string,
    produce: (tmp: string) => Promise<T>,
  ): Promise<{ value: T; size: number }> {
    const dir = path.dirname(file);
    const tmp = path.join(
      dir,
      `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    try {
      await fs.mkdir(dir, { recursive: true });
      const value = await produce(tmp);
      const { size } = await fs.stat(tmp).catch((error: unknown) => {
        throw errno(error) === 'ENOENT' ? new FileStoreError('write', file, 'no file was produced') : error;
      });
      await fs.rename(tmp, file);
      return { value, size };
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw this.fail('write', file, error);
    }
  }

  /** Maps a Node fs error onto the store's errors (typed errors pass through unchanged). */
  private fail(
    operation: string,
    location: string,
    error: unknown,
    notFoundKey?: string,
    notFoundAt = location,
  ): Error {
    if (
      error instanceof FileNotFoundError ||
      error instanceof FileStoreError ||
      error instanceof InvalidKeyError
    )
      return error;
    const code = errno(error);
    if (notFoundKey !== undefined && (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'))
      return new FileNotFoundError(notFoundKey, notFoundAt);
    const detail = error instanceof Error ? error.message : String(error);
    return new FileStoreError(operation, location, detail, code);
  }
}

function errno(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
