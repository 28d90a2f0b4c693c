// Reads transaction files (CSV, NDJSON, JSON array) as a stream of validated rows and explained
// rejections, for the lake builder and the ingestion pipeline. Bad rows never throw: each comes back
// with its line, raw text and reason. UnreadableFileError is thrown only when the file as a whole
// cannot be read, and always before the first result.
//
// Memory: accepted transactions' strings may be slices of the 64 KiB chunk they were read from, so
// a caller holding transactions holds their chunks too (at most the file's size; copying every record
// cost ~20% of throughput). Rejections carry their own copy of the raw text.
//
// Invalid UTF-8: bytes that do not decode become U+FFFD, and any record containing U+FFFD is rejected
// on its own ("invalid UTF-8"). One bad byte should cost one row, not the whole file; the price is
// that a genuine U+FFFD in the data (already mojibake upstream) is rejected too.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';

import { parseCsvFields } from './csv-fields';
import { JsonArraySplitter } from './json-array-splitter';
import { UnreadableFileError } from './read-errors';
import { RecordSplitter, type SplitRecord } from './record-splitter';
import { RowValidator, showValue, type FieldErrors, type ReadResult } from './row-validator';
import { TRANSACTION_FIELDS, transactionSchema } from './transaction';

export { UnreadableFileError } from './read-errors';
export type { ReadResult } from './row-validator';

export type FileFormat = 'csv' | 'ndjson' | 'json';

export interface ReadOptions {
  /** Overrides the format implied by the file name's extension. */
  format?: FileFormat;
  /** Name used in errors and for format detection when reading a stream. */
  name?: string;
  /** Results per batch of readTransactionBatches (approximate: a batch ends on a chunk boundary). */
  batchSize?: number;
}

// Small chunks and batches are measurably faster (~1.6x): results die young instead of surviving a
// scavenge and being copied to the old generation.
export const DEFAULT_BATCH_SIZE = 1000;
const CHUNK_BYTES = 1 << 16;
const INVALID_UTF8 = 'invalid UTF-8: the record holds bytes that are not valid UTF-8 (decoded as U+FFFD)';

const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
};

/** The format implied by a file name's extension (case-insensitive); throws UnreadableFileError otherwise. */
export function detectFormat(path: string): FileFormat {
  const format = EXTENSIONS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new UnreadableFileError(
      path,
      `unknown file format "${extname(path)}" (expected .csv, .ndjson, .jsonl or .json)`,
    );
  }
  return format;
}

/** Every row of a file, in file order: `ok` rows carry the transaction, the others their reason. */
export async function* readTransactions(
  source: string | NodeJS.ReadableStream,
  options: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  for await (const batch of readTransactionBatches(source, options)) yield* batch;
}

/** The same results as readTransactions, in arrays of about `batchSize`, for throughput. */
export async function* readTransactionBatches(
  source: string | NodeJS.ReadableStream,
  options: ReadOptions = {},
): AsyncGenerator<ReadResult[]> {
  const name = options.name ?? (typeof source === 'string' ? source : '<stream>');
  const format = options.format ?? detectFormat(name);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  if (typeof source === 'string') await assertReadableFile(source);
  const chunks = decodedChunks(
    typeof source === 'string' ? createReadStream(source, { highWaterMark: CHUNK_BYTES }) : source,
  );
  const batches = format === 'csv' ? csvBatches(chunks, name) : jsonBatches(chunks, name, format);

  let pending: ReadResult[] = [];
  for await (const results of batches) {
    if (pending.length === 0 && results.length >= batchSize) {
      yield results;
      continue;
    }
    for (const r of results) pending.push(r);
    if (pending.length >= batchSize) {
      yield pending;
      pending = [];
    }
  }
  if (pending.length > 0) yield pending;
}

async function assertReadableFile(path: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableFileError(
      path,
      code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`,
    );
  }
  if (isDirectory) throw new UnreadableFileError(path, 'is a directory, not a file');
}

/** Decoded text, BOM removed; a multi-byte character split across chunks is decoded whole. */
async function* decodedChunks(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8'); // drops a leading BOM; bad bytes become U+FFFD
  let first = true;
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/** The records of each decoded chunk; `hasReplacement` says whether U+FFFD has been seen so far. */
async function* splitRecords(
  chunks: AsyncIterable<string>,
  splitter: { push(chunk: string, out: SplitRecord[]): void; end(out: SplitRecord[]): void },
): AsyncGenerator<{ records: SplitRecord[]; hasReplacement: boolean }> {
  // Once any chunk held U+FFFD every later record is checked: cheap, and a record may span chunks.
  let hasReplacement = false;
  for await (const chunk of chunks) {
    hasReplacement ||= chunk.includes('\uFFFD');
    const records: SplitRecord[] = [];
    splitter.push(chunk, records);
    if (records.length > 0) yield { records, hasReplacement };
  }
  const records: SplitRecord[] = [];
  splitter.end(records);
  if (records.length > 0) yield { records, hasReplacement };
}

// ---- CSV -------------------------------------------------------------------------------------------

/** Fields without which a row cannot be valid: those the schema refuses to leave undefined. */
const REQUIRED_FIELDS = TRANSACTION_FIELDS.filter(
  (f) => !transactionSchema.shape[f].safeParse(undefined).success,
);

interface CsvHeader {
  names: string[];
  /** Column index of each TRANSACTION_FIELDS entry, -1 when the file lacks it. */
  columns: number[];
}

function parseHeader(record: SplitRecord, file: string): CsvHeader {
  const fields = record.error === undefined ? parseCsvFields(record.text) : { error: record.error };
  if (!Array.isArray(fields))
    throw new UnreadableFileError(
      file,
      `the CSV header on line ${record.line} is malformed: ${fields.error}`,
    );
  const names = fields.map((f) => f.trim().toLowerCase());
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name !== '' && names.indexOf(name) !== i)
      throw new UnreadableFileError(file, `the CSV header names column "${name}" twice`);
  }
  const missing = REQUIRED_FIELDS.filter((f) => !names.includes(f));
  if (missing.length > 0) {
    throw new UnreadableFileError(
      file,
      `the CSV header lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${clipHeader(names)})`,
    );
  }
  return { names, columns: TRANSACTION_FIELDS.map((f) => names.indexOf(f)) };
}

const clipHeader = (names: string[]): string => {
  const text = names.join(', ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** CSV text → the JSON types the schema expects; empty optional fields are absent. */
function csvInput(
  fields: readonly string[],
  columns: readonly number[],
): { input: Record<string, unknown>; errors?: FieldErrors } {
  const input: Record<string, unknown> = {};
  let errors: FieldErrors | undefined;
  for (let k = 0; k < TRANSACTION_FIELDS.length; k++) {
    const index = columns[k]!;
    if (index < 0) continue;
    const field = TRANSACTION_FIELDS[k]!;
    const text = fields[index]!;
    if (field === 'amount') {
      const t = text.trim();
      if (DECIMAL.test(t)) input.amount = Number(t);
      else if (t !== '') {
        (errors ??= new Map()).set(
          'amount',
          NON_FINITE.test(t)
            ? `amount ${showValue(text)} is not a finite number`
            : `amount ${showValue(text)} is not a decimal number such as 12.50`,
        );
      }
    } else if (field === 'is_fraud') {
      const flag = csvFlag(text);
      if (flag !== undefined) input.is_fraud = flag;
    } else if (field === 'fraud_scenario') {
      if (text !== '') input.fraud_scenario = text;
    } else {
      input[field] = text;
    }
  }
  return errors === undefined ? { input } : { input, errors };
}

/** 1/0/true/false → boolean, empty → absent, anything else stays text for the schema to refuse. */
function csvFlag(text: string): boolean | string | undefined {
  if (text === '0') return false;
  if (text === '1') return true;
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return text;
}

async function* csvBatches(chunks: AsyncIterable<string>, file: string): AsyncGenerator<ReadResult[]> {
  const validator = new RowValidator();
  let header: CsvHeader | undefined;
  for await (const { records, hasReplacement } of splitRecords(chunks, new RecordSplitter(true))) {
    const results: ReadResult[] = [];
    for (const record of records) {
      if (header === undefined) {
        header = parseHeader(record, file);
        continue;
      }
      const { line, text } = record;
      if (record.error !== undefined) {
        results.push(validator.reject(line, text, record.error));
        continue;
      }
      if (hasReplacement && text.includes('\uFFFD')) {
        results.push(validator.reject(line, text, INVALID_UTF8));
        continue;
      }
      const fields = parseCsvFields(text, header.names);
      if (!Array.isArray(fields)) {
        results.push(validator.reject(line, text, fields.error));
      } else if (fields.length !== header.names.length) {
        results.push(
          validator.reject(
            line,
            text,
            `row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.names.length} columns`,
          ),
        );
      } else {
        const { input, errors } = csvInput(fields, header.columns);
        results.push(validator.check(line, text, input, errors));
      }
    }
    if (results.length > 0) yield results;
  }
  if (header === undefined)
    throw new UnreadableFileError(file, 'the file is empty; expected a CSV header line');
}

// ---- NDJSON and JSON arrays ---------------------------------------------------------------------------

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function jsonRow(record: SplitRecord, hasReplacement: boolean, validator: RowValidator): ReadResult {
  const { line, text } = record;
  if (record.error !== undefined) return validator.reject(line, text, record.error);
  if (hasReplacement && text.includes('\uFFFD')) return validator.reject(line, text, INVALID_UTF8);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return validator.reject(line, text, `malformed JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return validator.reject(
      line,
      text,
      `JSON value is not an object (got ${kindOf(value)}: ${showValue(value)})`,
    );
  }
  const input = value as Record<string, unknown>;
  // Labels are often exported as 0/1, and absent ones as null.
  if (input.is_fraud === 1) input.is_fraud = true;
  else if (input.is_fraud === 0) input.is_fraud = false;
  else if (input.is_fraud === null) delete input.is_fraud;
  if (input.fraud_scenario === null) delete input.fraud_scenario;
  return validator.check(line, text, input);
}

async function* jsonBatches(
  chunks: AsyncIterable<string>,
  file: string,
  format: 'ndjson' | 'json',
): AsyncGenerator<ReadResult[]> {
  const validator = new RowValidator();
  const splitter = format === 'json' ? new JsonArraySplitter(file) : new RecordSplitter(false);
  for await (const { records, hasReplacement } of splitRecords(chunks, splitter)) {
    yield records.map((r) => jsonRow(r, hasReplacement, validator));
  }
}
