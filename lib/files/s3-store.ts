// FileStore over an S3 bucket (optionally below a prefix): key `a/b/c` is the object
// `<prefix>a/b/c`. The same keys as the local folder, so the pipeline runs unchanged on AWS.
// S3 has strong read-after-write consistency for every operation used here; a move is CopyObject
// then DeleteObject (not atomic: a crash between them leaves both, and re-running the move finishes
// it). SDK failures are reduced to FileNotFoundError / FileStoreError with the operation and the
// s3:// location, never the SDK's stack or request dump.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import { bodyChunks, collect } from './body';
import { FileNotFoundError, FileStoreError, InvalidKeyError } from './errors';
import type { FileInfo, FileStore, WriteBody, WriteOptions, WriteResult } from './file-store';
import { assertKey, assertPrefix, compareKeys } from './keys';
import { DEFAULT_PART_BYTES, DEFAULT_UPLOAD_CONCURRENCY, uploadStream } from './s3-upload';

export interface S3FileStoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix inside the bucket (e.g. `fraud/prod`); a trailing `/` is implied. */
  prefix?: string;
  /** Multipart part size for streamed writes (default 8 MiB, minimum 5 MiB). */
  partSize?: number;
  /** Parts uploaded at once (default 4). */
  uploadConcurrency?: number;
  /** Keys per ListObjectsV2 page (default and S3 maximum 1,000). */
  pageSize?: number;
}

// A single PutObject takes at most 5 GiB; in-memory bodies above that go through multipart.
const MAX_SINGLE_PUT = 5 * 1024 ** 3;
// list() stops with an error rather than loop forever on a server that keeps saying "truncated".
const MAX_LIST_PAGES = 1_000_000;

export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  readonly bucket: string;
  /** '' or ending in `/`. */
  readonly prefix: string;
  private readonly partSize: number;
  private readonly uploadConcurrency: number;
  private readonly pageSize: number;

  constructor(options: S3FileStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    if (prefix !== '') assertKey(prefix);
    this.prefix = prefix === '' ? '' : `${prefix}/`;
    this.partSize = options.partSize ?? DEFAULT_PART_BYTES;
    this.uploadConcurrency = options.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY;
    this.pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000));
  }

  locate(key: string): string {
    return `s3://${this.bucket}/${this.objectKey(key)}`;
  }

  private objectKey(key: string): string {
    return this.prefix + assertKey(key);
  }

  async list(prefix: string): Promise<FileInfo[]> {
    assertPrefix(prefix);
    const out: FileInfo[] = [];
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_LIST_PAGES)
        throw new FileStoreError('list', this.locatePrefix(prefix), `more than ${MAX_LIST_PAGES} pages`);
      const res = await this.send('list', this.locatePrefix(prefix), undefined, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            ContinuationToken: token,
            MaxKeys: this.pageSize,
          }),
        ),
      );
      for (const object of res.Contents ?? []) {
        if (object.Key === undefined || !object.Key.startsWith(this.prefix)) continue;
        const key = object.Key.slice(this.prefix.length);
        // Folder markers (`a/b/`) made by consoles are not files.
        if (key.endsWith('/')) continue;
        out.push({ key, size: object.Size ?? 0, modified: object.LastModified ?? new Date(0) });
      }
      if (!res.IsTruncated) break;
      if (!res.NextContinuationToken)
        throw new FileStoreError(
          'list',
          this.locatePrefix(prefix),
          'truncated page without a continuation token',
        );
      token = res.NextContinuationToken;
    }
    // S3 already lists in this order; sorting makes it a guarantee for S3-compatible servers too.
    return out.sort((a, b) => compareKeys(a.key, b.key));
  }

  private locatePrefix(prefix: string): string {
    return `s3://${this.bucket}/${this.prefix}${prefix}`;
  }

  async stat(key: string): Promise<FileInfo> {
    const Key = this.objectKey(key);
    const res = await this.send('stat', this.locate(key), key, () =>
      this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key })),
    );
    return { key, size: res.ContentLength ?? 0, modified: res.LastModified ?? new Date(0) };
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
    const Key = this.objectKey(key);
    const res = await this.send('read', this.locate(key), key, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key })),
    );
    // In Node the body is the HTTP response (an IncomingMessage, which is a Readable).
    if (!(res.Body instanceof Readable))
      throw new FileStoreError('read', this.locate(key), 'response body is not a Node stream');
    return res.Body;
  }

  async readBytes(key: string): Promise<Buffer> {
    const stream = await this.read(key);
    try {
      return await collect(stream);
    } catch (error) {
      throw toStoreError('read', this.locate(key), error);
    }
  }

  async readText(key: string): Promise<string> {
    return (await this.readBytes(key)).toString('utf8');
  }

  async write(key: string, body: WriteBody, options: WriteOptions = {}): Promise<WriteResult> {
    const Key = this.objectKey(key);
    const location = this.locate(key);
    const bytes =
      typeof body === 'string' ? Buffer.from(body, 'utf8') : body instanceof Uint8Array ? body : undefined;
    if (bytes !== undefined && bytes.byteLength <= MAX_SINGLE_PUT) {
      await this.send('write', location, undefined, () =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key,
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: options.contentType,
          }),
        ),
      );
      return { key, size: bytes.byteLength };
    }
    const { size } = await this.send('write', location, undefined, () =>
      uploadStream(
        { client: this.client, bucket: this.bucket, key: Key, contentType: options.contentType },
        bodyChunks(bytes ?? body),
        { partSize: this.partSize, concurrency: this.uploadConcurrency },
      ),
    );
    return { key, size };
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.objectKey(from);
    const target = this.objectKey(to);
    if (source === target) {
      await this.stat(from);
      return;
    }
    const location = `${this.locate(from)} -> ${this.locate(to)}`;
    try {
      // CopyObject takes up to 5 GiB; the files here (inbox files, lake parts, models) are far smaller.
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: target,
          CopySource: `${this.bucket}/${encodeCopyKey(source)}`,
        }),
      );
    } catch (error) {
      const mapped = toStoreError('move', location, error, from, this.locate(from));
      // The source is gone: an earlier attempt copied and deleted it, or crashed between the two.
      if (mapped instanceof FileNotFoundError && (await this.exists(to))) return;
      throw mapped;
    }
    await this.delete(from);
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    // DeleteObject succeeds for a missing key, which is exactly the contract.
    await this.send('delete', this.locate(key), undefined, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })),
    );
  }

  async withLocalCopy<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T> {
    assertKey(key);
    return withTempDir(async (dir) => {
      // The key's base name keeps its extension, which DuckDB and the readers use to pick a format.
      const file = path.join(dir, path.posix.basename(key));
      const stream = await this.read(key);
      try {
        await pipeline(stream, createWriteStream(file));
      } catch (error) {
        throw toStoreError('download', this.locate(key), error);
      }
      return fn(file);
    });
  }

  async fromLocalFile(localPath: string, key: string): Promise<WriteResult> {
    assertKey(key);
    let handle;
    try {
      handle = await fs.open(localPath, 'r');
    } catch (error) {
      const detail =
        error instanceof Error && 'code' in error && error.code === 'ENOENT'
          ? 'no file was produced'
          : String(error);
      throw new FileStoreError('upload', `${localPath} -> ${this.locate(key)}`, detail);
    }
    // createReadStream closes the handle at end or on error.
    return this.write(key, handle.createReadStream());
  }

  async withLocalOutput<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T> {
    assertKey(key);
    return withTempDir(async (dir) => {
      const file = path.join(dir, path.posix.basename(key));
      const result = await fn(file);
      await this.fromLocalFile(file, key);
      return result;
    });
  }

  /** Runs one SDK call and maps its failure. */
  private async send<T>(
    operation: string,
    location: string,
    notFoundKey: string | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toStoreError(operation, location, error, notFoundKey, location);
    }
  }
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fraud-files-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * CopySource must be URL-encoded (S3 percent-decodes it). Characters that are literal-safe in a
 * header and that decodeURI leaves encoded (`= : @ , ; & $`) are sent literally: S3 decodes them to
 * themselves, and s3rver decodes the header with decodeURI, which would otherwise miss `dt%3D…`.
 * `+ # ?` must stay encoded for S3, so s3rver cannot move keys containing them (docs/FILES.md).
 */
export function encodeCopyKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/%(3D|3A|40|2C|3B|26|24)/g, (m) => decodeURIComponent(m)),
    )
    .join('/');
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Reduces an SDK (or network, or stream) error to the store's errors. */
export function toStoreError(
  operation: string,
  location: string,
  error: unknown,
  notFoundKey?: string,
  notFoundAt: string = location,
): Error {
  if (
    error instanceof FileNotFoundError ||
    error instanceof FileStoreError ||
    error instanceof InvalidKeyError
  )
    return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const code = typeof e.code === 'string' ? e.code : name;
  if (name === 'NoSuchBucket') {
    return new FileStoreError(operation, location, `bucket does not exist (${name})`, name, status);
  }
  if (notFoundKey !== undefined && (name === 'NoSuchKey' || name === 'NotFound' || status === 404)) {
    return new FileNotFoundError(notFoundKey, notFoundAt);
  }
  const message =
    typeof e.message === 'string' && e.message !== '' && e.message !== name ? `: ${e.message}` : '';
  const detail = `${name}${status !== undefined ? ` (HTTP ${status})` : ''}${message}`;
  return new FileStoreError(operation, location, detail, code, status);
}
