// Quarantine files: one NDJSON file per source file, one line per rejected row with its source, line
// number, reason and raw text. Both the lake build and the ingestion pipeline write them, in this format.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface QuarantineRecord {
  /** Source file name. */
  source: string;
  /** Line the record starts on (1 = the CSV header line). */
  line: number;
  reason: string;
  /** The record's raw text, clipped by the readers. */
  raw: string;
}

export const quarantineLine = (record: QuarantineRecord): string =>
  JSON.stringify({ source: record.source, line: record.line, reason: record.reason, raw: record.raw });

/**
 * Writes `<dir>/<part>.ndjson` (under a temporary name, then renamed into place), or removes it when
 * there is nothing to quarantine, so every rebuild or re-ingestion leaves exactly its own rejections.
 * Returns the file written, or null.
 */
export async function writeQuarantineFile(
  dir: string,
  part: string,
  lines: readonly string[],
): Promise<string | null> {
  const file = path.join(dir, `${part}.ndjson`);
  if (lines.length === 0) {
    await fs.rm(file, { force: true });
    return null;
  }
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${part}.ndjson.tmp-${process.pid}`);
  await fs.writeFile(tmp, `${lines.join('\n')}\n`);
  await fs.rename(tmp, file);
  return file;
}
