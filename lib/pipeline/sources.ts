// Where source transaction files come from, as (FileStore, key) pairs: a command-line location (a local
// path or an s3:// URL) or an S3 event's object, mapped into the pipeline's own store when it lies
// inside it (so moving a bad file to failed/ is one move within one store), and the listing of an
// inbox: transaction files in key order, without dot files (partial writes) or the pipeline's outputs.
import fs from 'node:fs/promises';
import path from 'node:path';

import {
  AREAS,
  assertKey,
  fileStoreAt,
  isS3Url,
  LocalFileStore,
  parseS3Url,
  S3FileStore,
  type Env,
  type FileInfo,
  type FileStore,
} from '@/lib/files';
import { detectFormat } from '@/lib/schema/readers';

/** One source file: a key in a store. */
export interface SourceFile {
  files: FileStore;
  key: string;
}

/** A folder of source files: every key under `prefix` ('' or ending in `/`). */
export interface SourceFolder {
  files: FileStore;
  prefix: string;
}

export type ResolvedLocation =
  { kind: 'file'; source: SourceFile } | { kind: 'folder'; folder: SourceFolder };

/** A listed source with the size and time it was listed with (the watch loop's change stamp). */
export interface ListedSource extends SourceFile {
  info: FileInfo;
}

/** Two files of one inbox with the same base name would share a checkpoint entry and a lake part. */
export class DuplicateSourceNameError extends Error {
  override readonly name = 'DuplicateSourceNameError';
}

/** The name the checkpoint, the lake part and failed/ know a source by: its base name. */
export const sourceName = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

export const locateSource = (source: SourceFile): string => source.files.locate(source.key);

// Keys the pipeline writes into its own store: never read back as input when an inbox listing covers
// them (e.g. `npm run ingest -- .data`, or a bucket's root).
const OUTPUT_AREAS: readonly string[] = [
  AREAS.lake,
  AREAS.quarantine,
  AREAS.failed,
  AREAS.models,
  'pipeline/',
];

/** Whether a name is a transaction file the readers understand and not a dot file (a partial write). */
export function isTransactionFile(name: string): boolean {
  if (name.startsWith('.')) return false;
  try {
    detectFormat(name);
    return true;
  } catch {
    return false;
  }
}

/** Where a store keeps its keys, for messages: its folder or `s3://bucket/prefix`. */
export function storeRoot(files: FileStore): string {
  if (files instanceof LocalFileStore) return files.rootDir;
  if (files instanceof S3FileStore) return `s3://${files.bucket}/${files.prefix}`;
  return files.kind;
}

/** Where a folder of a store is, for messages: a path or an s3:// URL. */
export function locateFolder(folder: SourceFolder): string {
  if (folder.files instanceof LocalFileStore)
    return folder.prefix === '' ? folder.files.rootDir : path.join(folder.files.rootDir, folder.prefix);
  return `${storeRoot(folder.files)}${folder.prefix}`;
}

/** `abs` as a key prefix of the local store `out` ('' for its root), or null when outside it. */
function keyInLocal(out: FileStore, abs: string): string | null {
  if (!(out instanceof LocalFileStore)) return null;
  const rel = path.relative(out.rootDir, abs);
  if (rel === '') return '';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** An object key of `bucket` as a key of the S3 store `out` ('' for its root), or null when outside. */
function keyInS3(out: FileStore, bucket: string, objectKey: string): string | null {
  if (!(out instanceof S3FileStore) || out.bucket !== bucket) return null;
  if (out.prefix === '') return objectKey;
  if (`${objectKey}/` === out.prefix) return '';
  return objectKey.startsWith(out.prefix) ? objectKey.slice(out.prefix.length) : null;
}

/** A local file as a source: a key of `out` when it lies inside the store's folder. */
export function localSource(file: string, out: FileStore): SourceFile {
  const abs = path.resolve(file);
  const key = keyInLocal(out, abs);
  if (key !== null && key !== '') return { files: out, key: assertKey(key) };
  return { files: new LocalFileStore(path.dirname(abs)), key: path.basename(abs) };
}

/** A local folder as an inbox: a prefix of `out` when it lies inside the store's folder. */
export function localFolder(dir: string, out: FileStore): SourceFolder {
  const abs = path.resolve(dir);
  const key = keyInLocal(out, abs);
  if (key !== null) return { files: out, prefix: key === '' ? '' : `${assertKey(key)}/` };
  return { files: new LocalFileStore(abs), prefix: '' };
}

/**
 * An S3 object as a source: a key of `out` when it lies inside that store's bucket and prefix,
 * otherwise the object key in `bucketStore(bucket)` (a store rooted at the bucket).
 */
export function objectSource(
  bucket: string,
  objectKey: string,
  out: FileStore,
  bucketStore: (bucket: string) => FileStore,
): SourceFile {
  const key = keyInS3(out, bucket, objectKey);
  if (key !== null && key !== '') return { files: out, key: assertKey(key) };
  return { files: bucketStore(bucket), key: assertKey(objectKey) };
}

/**
 * Resolves a command-line location: `s3://bucket/prefix` (an object when one has exactly that key,
 * otherwise every object under `prefix/`) or a local file or folder. Null when a local path does not
 * exist. S3 stores outside `out` take their endpoint and credentials from `env` (lib/files/open.ts).
 */
export async function resolveLocation(
  location: string,
  out: FileStore,
  env: Env = process.env,
): Promise<ResolvedLocation | null> {
  if (isS3Url(location)) {
    const { bucket, path: objectPath } = parseS3Url(location);
    const inside = keyInS3(out, bucket, objectPath);
    const files = inside === null ? fileStoreAt(`s3://${bucket}`, env) : out;
    const key = inside ?? objectPath;
    if (key === '' || key.endsWith('/')) return { kind: 'folder', folder: { files, prefix: key } };
    if (await files.exists(assertKey(key))) return { kind: 'file', source: { files, key } };
    return { kind: 'folder', folder: { files, prefix: `${key}/` } };
  }
  const abs = path.resolve(location);
  let stat;
  try {
    stat = await fs.stat(abs);
  } catch {
    return null;
  }
  return stat.isDirectory()
    ? { kind: 'folder', folder: localFolder(abs, out) }
    : { kind: 'file', source: localSource(abs, out) };
}

/**
 * The transaction files under a folder, in key order (S3's order, on both backends). When the folder
 * is in the pipeline's own store, its output areas are left out. Two files with one base name are
 * refused: they would share a checkpoint entry and a lake part, and the second would replace the first.
 */
export async function listSources(folder: SourceFolder, out: FileStore): Promise<ListedSource[]> {
  const own = folder.files === out;
  const listed: ListedSource[] = [];
  const byName = new Map<string, string>();
  for (const info of await folder.files.list(folder.prefix)) {
    const name = sourceName(info.key);
    if (!isTransactionFile(name)) continue;
    if (own && OUTPUT_AREAS.some((area) => info.key.startsWith(area))) continue;
    const other = byName.get(name);
    if (other !== undefined) {
      throw new DuplicateSourceNameError(
        `${folder.files.locate(other)} and ${folder.files.locate(info.key)} have the same name "${name}": ` +
          'a source is known by its base name (checkpoint, lake part), so names must be unique in an inbox',
      );
    }
    byName.set(name, info.key);
    listed.push({ files: folder.files, key: info.key, info });
  }
  return listed;
}
