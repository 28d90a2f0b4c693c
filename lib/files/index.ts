// Public surface of lib/files: the FileStore interface, its two implementations, the key layout and
// the env factory. Test fixtures (test-support.ts) are imported directly by tests, not from here.
export { FileNotFoundError, FileStoreError, InvalidKeyError, isFileNotFound } from './errors';
export type { FileInfo, FileStore, WriteBody, WriteOptions, WriteResult } from './file-store';
export { AREAS, assertKey, assertPrefix, compareKeys, joinKey, lakePartKey, MAX_KEY_BYTES } from './keys';
export { LocalFileStore } from './local-store';
export {
  createFileStore,
  createS3Client,
  fileStoreAt,
  fileStoreConfigFromEnv,
  FileStoreConfigError,
  fileStoreFromEnv,
  type Env,
  type FileStoreConfig,
} from './open';
export { S3FileStore, type S3FileStoreOptions } from './s3-store';
export { formatS3Url, InvalidS3UrlError, isS3Url, parseS3Url, type S3Location } from './s3-url';
