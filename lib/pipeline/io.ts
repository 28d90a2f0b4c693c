// Every file operation of the ingestion pipeline, through lib/files' FileStore, so one code path
// writes to the data folder or to S3: the keys of its outputs, hashing a source's local copy, moving
// an unreadable source to failed/ with its error, (re)writing quarantine files, reading a text file
// that may not exist yet, and listing or pruning one source's lake parts.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { AREAS, isFileNotFound, type FileStore } from '@/lib/files';

import { sourceName, type SourceFile } from './sources';

/** The checkpoint's key in the pipeline's store (`<data>/pipeline/checkpoint.json` locally). */
export const CHECKPOINT_KEY = 'pipeline/checkpoint.json';

const LAKE_TABLE = `${AREAS.lake}transactions/`;

export const failedKey = (name: string): string => `${AREAS.failed}${name}`;
export const quarantineKey = (part: string): string => `${AREAS.quarantine}${part}.ndjson`;
const partFile = (part: string): string => `part-${part}.parquet`;

/**
 * sha256 of a local file's bytes, hex: the source's local copy (FileStore.withLocalCopy), so an S3
 * object is downloaded once for both the hash and the read. Throws the file system's error.
 */
export async function sha256File(localPath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(localPath, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Moves an unreadable source to `failed/<name>` of `out` (replacing an earlier one of the same name)
 * after writing `failed/<name>.error.txt` beside it; returns where the file went. Within one store it
 * is the store's move (a rename, or CopyObject + DeleteObject); from another store the bytes are
 * copied and the source deleted. Either way a retry after a crash finishes the move.
 */
export async function moveToFailed(source: SourceFile, out: FileStore, error: string): Promise<string> {
  const name = sourceName(source.key);
  const target = failedKey(name);
  await out.write(`${target}.error.txt`, `${error}\n`, { contentType: 'text/plain; charset=utf-8' });
  if (source.files === out) {
    await out.move(source.key, target);
  } else {
    try {
      await out.write(target, await source.files.read(source.key));
    } catch (e) {
      // Gone from the source but already copied: an earlier attempt got as far as the delete.
      if (!(isFileNotFound(e) && (await out.exists(target)))) throw e;
    }
    await source.files.delete(source.key);
  }
  return out.locate(target);
}

/**
 * Writes `quarantine/<part>.ndjson`, or removes it when there is nothing to quarantine, so every
 * re-ingestion leaves exactly its own rejections. Returns the file's location, or null.
 */
export async function writeQuarantine(
  out: FileStore,
  part: string,
  lines: readonly string[],
): Promise<string | null> {
  const key = quarantineKey(part);
  if (lines.length === 0) {
    await out.delete(key);
    return null;
  }
  await out.write(key, `${lines.join('\n')}\n`, { contentType: 'application/x-ndjson' });
  return out.locate(key);
}

/** The file's text, or null when it does not exist. */
export async function readTextIfExists(files: FileStore, key: string): Promise<string | null> {
  try {
    return await files.readText(key);
  } catch (error) {
    if (isFileNotFound(error)) return null;
    throw error;
  }
}

/** Keys of the Parquet files of one day partition of the transactions table, except `exceptPart`'s. */
export async function lakePartitionKeys(out: FileStore, dt: string, exceptPart: string): Promise<string[]> {
  const own = partFile(exceptPart);
  const prefix = `${LAKE_TABLE}dt=${dt}/`;
  return (await out.list(prefix))
    .map((info) => info.key)
    .filter((key) => key.endsWith('.parquet') && key.slice(prefix.length) !== own);
}

/**
 * Removes `part-<part>.parquet` from every day partition not in `keepDts`: a source file whose new
 * content covers other days must not leave its old rows behind. Returns the keys removed.
 */
export async function removeStaleParts(
  out: FileStore,
  part: string,
  keepDts: ReadonlySet<string>,
): Promise<string[]> {
  const own = `/${partFile(part)}`;
  const stale = (await out.list(`${LAKE_TABLE}dt=`))
    .map((info) => info.key)
    .filter((key) => {
      if (!key.endsWith(own)) return false;
      const dt = key.slice(`${LAKE_TABLE}dt=`.length, key.length - own.length);
      return !dt.includes('/') && !keepDts.has(dt);
    });
  for (const key of stale) await out.delete(key);
  return stale;
}
