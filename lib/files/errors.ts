// Typed failures of a FileStore. Callers branch on the class (a missing inbox file is routine, a
// refused key is a bug, anything else is an outage); the message names the operation and the file's
// location and never carries an SDK stack or request dump.

/** The key (or a move's source) does not exist. */
export class FileNotFoundError extends Error {
  override readonly name = 'FileNotFoundError';
  constructor(
    readonly key: string,
    /** Where the file was looked for: a path or `s3://bucket/key`. */
    readonly location: string,
  ) {
    super(`no such file: ${location}`);
  }
}

/** A key the layout does not allow (empty segment, `..`, absolute, control characters …). */
export class InvalidKeyError extends Error {
  override readonly name = 'InvalidKeyError';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`invalid file key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** Any other failure of the backing store, reduced to what an operator needs. */
export class FileStoreError extends Error {
  override readonly name = 'FileStoreError';
  constructor(
    readonly operation: string,
    readonly location: string,
    readonly detail: string,
    /** `EACCES`, `AccessDenied`, `NoSuchBucket` … when the backend named one. */
    readonly code?: string,
    /** HTTP status for S3 failures. */
    readonly status?: number,
  ) {
    super(`${operation} ${location} failed: ${detail}`);
  }
}

export const isFileNotFound = (error: unknown): error is FileNotFoundError =>
  error instanceof FileNotFoundError;
