// The one interface the pipeline, the console and the CLIs use for files (inbox, lake, quarantine,
// failed, models), whether they live in the embedded data folder or on S3. Both implementations keep
// the same key layout (lib/files/keys.ts), so code never branches on the deployment.
import type { Readable } from 'node:stream';

export interface FileInfo {
  key: string;
  /** Bytes. */
  size: number;
  modified: Date;
}

export interface WriteResult {
  key: string;
  /** Bytes written. */
  size: number;
}

/** What `write` accepts: text (written as UTF-8), bytes, or a byte stream of any length. */
export type WriteBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface WriteOptions {
  /** Stored as the object's Content-Type on S3; ignored by the local folder. */
  contentType?: string;
}

export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Where a key lives, for messages and for engines that address files directly: a path or s3:// URL. */
  locate(key: string): string;

  /** Every file whose key starts with `prefix` (a string prefix, as on S3), sorted by key. */
  list(prefix: string): Promise<FileInfo[]>;
  /** Size and modification time; FileNotFoundError when absent. */
  stat(key: string): Promise<FileInfo>;
  exists(key: string): Promise<boolean>;

  /** A byte stream of the file; FileNotFoundError is thrown here, before any byte is read. */
  read(key: string): Promise<Readable>;
  readBytes(key: string): Promise<Buffer>;
  readText(key: string): Promise<string>;

  /**
   * Creates or replaces the file. Readers see the old content or the new, never a part: the local
   * folder writes a temporary file and renames it; S3 publishes an object only when it is complete.
   */
  write(key: string, body: WriteBody, options?: WriteOptions): Promise<WriteResult>;
  /**
   * Moves a file, replacing any file at `to`. Idempotent: when `from` is gone and `to` exists (a
   * retried or interrupted move), it succeeds. FileNotFoundError when neither exists.
   */
  move(from: string, to: string): Promise<void>;
  /** Removes a file; succeeds when it is already gone. */
  delete(key: string): Promise<void>;

  /**
   * Runs `fn` with a local path holding the file's bytes (for DuckDB and other tools that need a
   * path). Read-only: the local folder passes its own file. Any temporary copy is removed afterwards.
   */
  withLocalCopy<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T>;
  /** Copies a local file to `key` (the local file is left in place). */
  fromLocalFile(localPath: string, key: string): Promise<WriteResult>;
  /**
   * Runs `fn` with a local path to write, then publishes what it wrote at `key` as `write` would
   * (e.g. DuckDB `COPY … TO path`). Nothing is published if `fn` throws or writes no file.
   */
  withLocalOutput<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T>;
}
