// Every file-system operation of the ingestion pipeline, in one place, so the S3 form can swap this
// module for one built on lib/files' FileStore: hashing a source file, listing an inbox, moving an
// unreadable file to failed/ with its error, (re)writing quarantine files, writing JSON atomically,
// and listing the lake files of a day partition.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { partFileName, partitionDir, tableDir } from '@/lib/lake/transactions-table';

/** sha256 of a file's bytes, hex. Throws the file system's error when it cannot be read. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Size and modification time, or null when the file is gone. */
export async function fileStamp(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await fs.stat(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

/** Whether `p` is a directory (false when absent). */
export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Moves an unreadable file into `failedDir` (replacing an earlier one of the same name) and writes
 * `<name>.error.txt` beside it. Returns where the file went.
 */
export async function moveToFailed(file: string, failedDir: string, error: string): Promise<string> {
  await fs.mkdir(failedDir, { recursive: true });
  const name = path.basename(file);
  const target = path.join(failedDir, name);
  await writeAtomic(path.join(failedDir, `${name}.error.txt`), `${error}\n`);
  try {
    await fs.rename(file, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EXDEV') {
      await fs.copyFile(file, target);
      await fs.rm(file, { force: true });
    } else if (code !== 'ENOENT') {
      throw e;
    }
  }
  return target;
}

/** Writes a file under a temporary name in the same folder, then renames it into place. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

/** The file's text, or null when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Parquet files of one day partition of the transactions table, except `part-<exceptPart>.parquet`. */
export async function lakePartitionFiles(lakeDir: string, dt: string, exceptPart: string): Promise<string[]> {
  const dir = partitionDir(lakeDir, dt);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const own = partFileName(exceptPart);
  return names
    .filter((n) => n.endsWith('.parquet') && n !== own)
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * Removes `part-<part>.parquet` from every day partition not in `keepDts`: a source file whose new
 * content covers other days must not leave its old rows behind. Returns the files removed.
 */
export async function removeStaleParts(
  lakeDir: string,
  part: string,
  keepDts: ReadonlySet<string>,
): Promise<string[]> {
  const table = tableDir(lakeDir);
  let dirs: string[];
  try {
    dirs = await fs.readdir(table);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const removed: string[] = [];
  for (const dir of dirs) {
    if (!dir.startsWith('dt=') || keepDts.has(dir.slice(3))) continue;
    const file = path.join(table, dir, partFileName(part));
    try {
      await fs.rm(file);
      removed.push(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return removed;
}
