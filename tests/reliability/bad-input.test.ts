// Bad input, generated: fast-check builds CSV, NDJSON and JSON-array files row by row from a catalogue of
// what real feeds get wrong (latin-1 bytes and invalid UTF-8, BOMs, CRLF, quoted newlines, huge fields
// and records over the 1 MiB record limit, missing and extra columns, NaN/Infinity/negative/huge
// amounts, dates out of range or not UTC, repeated ids, formula/HTML/SQL injection strings) and keeps an
// oracle of what each row must come out as. The readers must never throw (except UnreadableFileError
// for a file without a usable header), must return one result per record in order with its line, must
// accept exactly the rows the oracle accepts (injection strings are data: accepted, unchanged), and
// every rejection must carry its raw text and a one-line reason. A few generated files, and one with a
// 10 MB line, also go through the whole pipeline (ingestFile): read = accepted + quarantined +
// duplicates, the quarantine file holds every rejected row, the lake every accepted one.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalFileStore } from '@/lib/files';
import { withDuckDB } from '@/lib/lake/duckdb';
import { transactionsSource } from '@/lib/lake/transactions-table';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { ingestFile } from '@/lib/pipeline/ingest';
import { readTransactions, UnreadableFileError, type ReadResult } from '@/lib/schema/readers';
import { TRANSACTION_FIELDS } from '@/lib/schema/transaction';
import { createStore, ensureTables, startDynalite, type Store } from '@/lib/store';

import { scale } from './support';

const READER_RUNS = scale(1000, 100);
const PIPELINE_RUNS = scale(60, 10);

type Format = 'csv' | 'ndjson' | 'json';

const INJECTIONS = [
  `=cmd|' /C calc'!A0`,
  '+1+1',
  '-2+3',
  '@SUM(1+1)*cmd|',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  `'; DROP TABLE reviews; --`,
  `Robert'); DELETE FROM audit;--`,
  '{{7*7}} ${7*7}',
] as const;

/** How a row is spoiled (or not). Valid kinds must be accepted unchanged. */
const VALID_KINDS = ['plain', 'injection', 'unicode', 'quoted', 'longest-name'] as const;
const INVALID_KINDS = [
  'amount-nan',
  'amount-infinity',
  'amount-negative',
  'amount-huge',
  'amount-text',
  'date-before-range',
  'date-after-range',
  'date-not-utc',
  'date-impossible',
  'missing-column',
  'extra-column',
  'latin1',
  'invalid-utf8',
  'huge-field',
  'over-record-limit',
  'empty-id',
  'bad-channel',
  'bad-country',
  'garbage',
] as const;
type Kind = (typeof VALID_KINDS)[number] | (typeof INVALID_KINDS)[number] | 'duplicate-id';

interface RowSpec {
  kind: Kind;
  /** Index into INJECTIONS / a seed for names and amounts. */
  pick: number;
  day: number;
}

interface FileSpec {
  format: Format;
  bom: boolean;
  crlf: boolean;
  finalNewline: boolean;
  rows: RowSpec[];
}

const rowSpec: fc.Arbitrary<RowSpec> = fc.record({
  kind: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<Kind>(...VALID_KINDS) },
    { weight: 1, arbitrary: fc.constant<Kind>('duplicate-id') },
    {
      weight: 5,
      arbitrary: fc.constantFrom<Kind>(...INVALID_KINDS.filter((k) => k !== 'over-record-limit')),
    },
    // Over a mebibyte each: rare, so a run stays fast.
    { weight: 1, arbitrary: fc.constant<Kind>('over-record-limit') },
  ),
  pick: fc.nat({ max: 10_000 }),
  day: fc.integer({ min: 1, max: 3 }),
});

const fileSpec: fc.Arbitrary<FileSpec> = fc.record({
  format: fc.constantFrom<Format>('csv', 'ndjson', 'json'),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  rows: fc.array(rowSpec, { minLength: 1, maxLength: 25 }),
});

/** One record of a file, as bytes, with what the reader must make of it. */
interface Expected {
  bytes: Buffer;
  /** The record's text as the reader decodes it (invalid bytes as U+FFFD, no line terminator). */
  text: string;
  accepted: boolean;
  id: string;
  merchant?: string;
  amount?: number;
}

const UNICODE_NAMES = [
  'Café Müller',
  'Łódź Sklep',
  '東京ストア',
  'Ресторан',
  '😀 Emoji Bar',
  'Zürich Bahnhof',
];
const QUOTED_NAMES = [
  'Smith, Jones & Co',
  'The "Best" Shop',
  'Line one\nline two',
  'Tab\there',
  'CR\r\nLF shop',
];

interface Fields {
  [field: string]: string | number | undefined;
}

/** A valid record for `spec` before it is spoiled. */
function baseFields(spec: RowSpec, index: number): Fields {
  const hour = String(spec.pick % 24).padStart(2, '0');
  const minute = String(spec.pick % 60).padStart(2, '0');
  return {
    transaction_id: `r${index}-${spec.pick}`,
    timestamp: `2025-03-0${spec.day}T${hour}:${minute}:00Z`,
    card_id: `C${String(spec.pick % 97).padStart(5, '0')}`,
    terminal_id: `T${String(spec.pick % 31).padStart(5, '0')}`,
    merchant_name: `Shop ${spec.pick}`,
    mcc: '5411',
    amount: Math.round((spec.pick % 5000) * 100 + 7) / 100,
    currency: 'EUR',
    channel: ['chip', 'swipe', 'contactless', 'ecommerce'][spec.pick % 4],
    card_country: 'FR',
    merchant_country: spec.pick % 5 === 0 ? 'DE' : 'FR',
  };
}

/** Bytes to splice into a text field, spoiling its encoding. */
const LATIN1 = Buffer.from([0x43, 0x61, 0x66, 0xe9]); // "Café" in latin-1
const INVALID_UTF8 = Buffer.from([0x53, 0x68, 0x6f, 0x70, 0xc3, 0x28, 0xff]);

/** What a row spec turns into: its fields (with any poison), and whether it is valid by fields. */
function spoil(
  spec: RowSpec,
  fields: Fields,
  format: Format,
): { fields: Fields; raw?: Buffer; validFields: boolean; dropField?: boolean; extraField?: boolean } {
  const f = { ...fields };
  switch (spec.kind) {
    case 'plain':
    case 'duplicate-id':
      return { fields: f, validFields: true };
    case 'injection':
      f.merchant_name = INJECTIONS[spec.pick % INJECTIONS.length];
      return { fields: f, validFields: true };
    case 'unicode':
      f.merchant_name = UNICODE_NAMES[spec.pick % UNICODE_NAMES.length];
      return { fields: f, validFields: true };
    case 'quoted':
      f.merchant_name = QUOTED_NAMES[spec.pick % QUOTED_NAMES.length];
      return { fields: f, validFields: true };
    case 'longest-name':
      f.merchant_name = 'M'.repeat(200);
      return { fields: f, validFields: true };
    case 'amount-nan':
      f.amount = format === 'csv' ? 'NaN' : 'NaN!'; // JSON has no NaN: written bare, it is malformed
      return { fields: f, validFields: false };
    case 'amount-infinity':
      f.amount = format === 'csv' ? '-Infinity' : 'Infinity!';
      return { fields: f, validFields: false };
    case 'amount-negative':
      f.amount = -Math.abs(Number(f.amount)) - 1;
      return { fields: f, validFields: false };
    case 'amount-huge':
      f.amount = 1e7 + spec.pick;
      return { fields: f, validFields: false };
    case 'amount-text':
      f.amount = format === 'csv' ? '12,50 €' : '"12,50 €"!';
      return { fields: f, validFields: false };
    case 'date-before-range':
      f.timestamp = '1999-12-31T23:59:59Z';
      return { fields: f, validFields: false };
    case 'date-after-range':
      f.timestamp = '2100-01-01T00:00:00Z';
      return { fields: f, validFields: false };
    case 'date-not-utc':
      f.timestamp = '2025-03-01T10:00:00+02:00';
      return { fields: f, validFields: false };
    case 'date-impossible':
      f.timestamp = '2025-02-30T10:00:00Z';
      return { fields: f, validFields: false };
    case 'missing-column':
      return { fields: f, validFields: false, dropField: true };
    case 'extra-column':
      // Unknown JSON keys are ignored (valid); an extra CSV field breaks the column count.
      return { fields: f, validFields: format !== 'csv', extraField: true };
    case 'latin1':
      return { fields: f, raw: LATIN1, validFields: false };
    case 'invalid-utf8':
      return { fields: f, raw: INVALID_UTF8, validFields: false };
    case 'huge-field':
      f.merchant_name = 'H'.repeat(5_000 + spec.pick);
      return { fields: f, validFields: false };
    case 'over-record-limit':
      f.merchant_name = 'X'.repeat((1 << 20) + 10 + spec.pick);
      return { fields: f, validFields: false };
    case 'empty-id':
      f.transaction_id = '';
      return { fields: f, validFields: false };
    case 'bad-channel':
      f.channel = 'carrier-pigeon';
      return { fields: f, validFields: false };
    case 'bad-country':
      f.merchant_country = 'France';
      return { fields: f, validFields: false };
    case 'garbage':
      return { fields: f, validFields: false };
  }
}

const csvQuote = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** A JSON value; strings ending in `!` are written bare (malformed JSON on purpose). */
const jsonValue = (value: string | number): string =>
  typeof value === 'string' && value.endsWith('!') ? value.slice(0, -1) : JSON.stringify(value);

/** One record's bytes in `format` (without the separator that follows it). */
function recordBytes(
  spec: RowSpec,
  index: number,
  format: Format,
): { bytes: Buffer; validFields: boolean; fields: Fields } {
  const spoiled = spoil(spec, baseFields(spec, index), format);
  const { fields } = spoiled;
  if (spec.kind === 'garbage') {
    const text =
      format === 'csv'
        ? 'this,is,not,a,transaction'
        : format === 'ndjson'
          ? '{"transaction_id": r1}'
          : '[1, 2, 3]';
    return { bytes: Buffer.from(text), validFields: false, fields };
  }
  let names: string[] = TRANSACTION_FIELDS.filter((f) => f !== 'is_fraud' && f !== 'fraud_scenario');
  if (spoiled.dropField) names = names.filter((n) => n !== 'currency');
  const parts: Buffer[] = [];
  if (format === 'csv') {
    const cells: Buffer[] = names.map((name) =>
      name === 'merchant_name' && spoiled.raw
        ? spoiled.raw
        : Buffer.from(csvQuote(String(fields[name] ?? ''))),
    );
    // The file's header has is_fraud and fraud_scenario too: empty here (a missing column drops one).
    if (!spoiled.dropField) cells.push(Buffer.from(''), Buffer.from(''));
    else cells.push(Buffer.from(''));
    if (spoiled.extraField) cells.push(Buffer.from('surprise'));
    cells.forEach((cell, i) => parts.push(...(i > 0 ? [Buffer.from(','), cell] : [cell])));
  } else {
    parts.push(Buffer.from('{'));
    names.forEach((name, i) => {
      if (i > 0) parts.push(Buffer.from(','));
      parts.push(Buffer.from(`${JSON.stringify(name)}:`));
      if (name === 'merchant_name' && spoiled.raw)
        parts.push(Buffer.from('"'), spoiled.raw, Buffer.from('"'));
      else parts.push(Buffer.from(jsonValue(fields[name] ?? '')));
    });
    if (spoiled.extraField) parts.push(Buffer.from(',"loyalty_tier":"gold"'));
    parts.push(Buffer.from('}'));
  }
  return { bytes: Buffer.concat(parts), validFields: spoiled.validFields, fields };
}

const decode = (bytes: Buffer): string => new TextDecoder('utf-8').decode(bytes);

/** The file's bytes and, per record, what the reader must return. */
function buildFile(spec: FileSpec): { bytes: Buffer; expected: (Expected & { line: number })[] } {
  const nl = spec.crlf ? '\r\n' : '\n';
  const chunks: Buffer[] = [];
  let line = 1;
  const push = (b: Buffer) => {
    chunks.push(b);
    for (const byte of b) if (byte === 10) line++;
  };
  if (spec.bom) chunks.push(Buffer.from([0xef, 0xbb, 0xbf]));
  if (spec.format === 'csv') push(Buffer.from(TRANSACTION_FIELDS.join(',') + nl));
  if (spec.format === 'json') push(Buffer.from(`[${nl}`));

  const accepted = new Set<string>();
  const ids: string[] = [];
  const expected: (Expected & { line: number })[] = [];
  spec.rows.forEach((row, index) => {
    const { bytes: raw, validFields, fields } = recordBytes(row, index, spec.format);
    let bytes = raw;
    let id = String(fields.transaction_id);
    if (row.kind === 'duplicate-id' && ids.length > 0) {
      // The same id as an earlier row (whatever became of it).
      const earlier = ids[row.pick % ids.length]!;
      bytes = Buffer.from(decode(raw).replace(id, earlier));
      id = earlier;
    }
    ids.push(id);
    const ok = validFields && id.trim() !== '' && !accepted.has(id);
    if (ok) accepted.add(id);
    const text = decode(bytes);
    expected.push({
      bytes,
      text,
      line,
      accepted: ok,
      id,
      ...(ok ? { merchant: String(fields.merchant_name).trim(), amount: Number(fields.amount) } : {}),
    });
    push(bytes);
    const last = index === spec.rows.length - 1;
    if (spec.format === 'json') push(Buffer.from(last ? nl : `,${nl}`));
    else if (!last || spec.finalNewline) push(Buffer.from(nl));
  });
  if (spec.format === 'json') push(Buffer.from(`]${spec.finalNewline ? nl : ''}`));
  return { bytes: Buffer.concat(chunks), expected };
}

async function readAll(bytes: Buffer, format: Format, chunk: number): Promise<ReadResult[]> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const out: ReadResult[] = [];
  for await (const r of readTransactions(Readable.from(pieces), { format })) out.push(r);
  return out;
}

/** The oracle's checks of one file's results. */
function checkResults(results: ReadResult[], expected: ReturnType<typeof buildFile>['expected']): void {
  expect(results.map((r) => r.line)).toEqual(expected.map((e) => e.line));
  results.forEach((r, i) => {
    const e = expected[i]!;
    expect({ line: r.line, ok: r.ok, reason: r.ok ? null : r.reason }).toMatchObject({
      line: e.line,
      ok: e.accepted,
    });
    if (r.ok) {
      expect(r.tx.transaction_id).toBe(e.id);
      expect(r.tx.merchant_name).toBe(e.merchant);
      expect(r.tx.amount).toBe(e.amount);
    } else {
      expect(r.reason.length).toBeGreaterThan(0);
      expect(r.reason).not.toMatch(/[\r\n]/);
      expect(r.raw.length).toBeGreaterThan(0);
      // The raw text is the record's own (clipped to 1,000 characters with an ellipsis).
      const head = r.raw.endsWith('…') ? r.raw.slice(0, -1) : r.raw;
      expect(e.text.replace(/\r$/, '').startsWith(head)).toBe(true);
    }
  });
}

describe('readers on a generated corpus of bad files', () => {
  it(`never crash and account for every record (${READER_RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(fileSpec, fc.constantFrom(7, 64, 1 << 16), async (spec, chunk) => {
        const { bytes, expected } = buildFile(spec);
        // Tiny chunks stress records split across chunks; a megabyte record in 7-byte chunks would
        // only measure the test's own stream overhead, so large files are cut coarser.
        const results = await readAll(bytes, spec.format, bytes.length / chunk > 4096 ? 1 << 16 : chunk);
        expect(results).toHaveLength(expected.length);
        checkResults(results, expected);
      }),
      { numRuns: READER_RUNS },
    );
  }, 300_000);

  it('a CSV header without required columns makes the file unreadable, before any row', async () => {
    const bytes = Buffer.from('transaction_id,amount\nx,1\n');
    const seen: ReadResult[] = [];
    await expect(async () => {
      for await (const r of readTransactions(Readable.from([bytes]), { format: 'csv' })) seen.push(r);
    }).rejects.toBeInstanceOf(UnreadableFileError);
    expect(seen).toEqual([]);
  });

  it('a 10 MB line costs one bounded rejection, in every format', async () => {
    for (const format of ['csv', 'ndjson', 'json'] as const) {
      const spec: FileSpec = {
        format,
        bom: true,
        crlf: true,
        finalNewline: true,
        rows: [
          { kind: 'plain', pick: 1, day: 1 },
          { kind: 'plain', pick: 2, day: 1 },
          { kind: 'plain', pick: 3, day: 1 },
        ],
      };
      const { bytes } = buildFile(spec);
      // Replace the middle record's merchant with 10 MB.
      const text = bytes.toString('utf8').replace('Shop 2', 'Z'.repeat(10 * 1024 * 1024));
      const results = await readAll(Buffer.from(text), format, 1 << 16);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      const bad = results[1]!;
      if (bad.ok) throw new Error('unreachable');
      expect(bad.reason).toMatch(/characters long, above the 1,048,576-character limit/);
      expect(bad.raw.length).toBeLessThanOrEqual(1001);
    }
  }, 120_000);
});

describe('the pipeline on generated bad files', () => {
  let root: string;
  let endpoint: string;
  let closeDynamo: () => Promise<void>;
  let model: FraudModel;
  const stores: Store[] = [];
  let runs = 0;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-badinput-'));
    const dynamo = await startDynalite({ dataDir: path.join(root, 'dynamo') });
    endpoint = dynamo.endpoint;
    closeDynamo = dynamo.close;
    model = await getModel();
  }, 120_000);

  afterAll(async () => {
    for (const s of stores) s.client.destroy();
    await closeDynamo?.();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  /** Ingests `bytes` as a fresh data folder and store; checks the accounting against the oracle. */
  async function ingestAndCheck(
    bytes: Buffer,
    format: Format,
    expected: ReturnType<typeof buildFile>['expected'],
  ) {
    const prefix = `b${++runs}_`;
    const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
    stores.push(store);
    await ensureTables(store);
    const dir = path.join(root, prefix);
    const ext = format === 'json' ? 'json' : format;
    const file = path.join(dir, 'inbox', `feed-${runs}.${ext}`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes);
    const report = await ingestFile({ store, model, files: new LocalFileStore(dir) }, { file });
    expect(report.status).toBe('ingested');
    expect(report.read).toBe(expected.length);
    expect(report.read).toBe(report.accepted + report.quarantined + report.duplicates);
    expect(report.accepted).toBe(expected.filter((e) => e.accepted).length);
    const quarantine = report.quarantineFile
      ? (await fs.readFile(report.quarantineFile, 'utf8'))
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as { line: number; raw: string; reason: string })
      : [];
    expect(quarantine).toHaveLength(report.quarantined + report.duplicates);
    expect(quarantine.map((q) => q.line)).toEqual(expected.filter((e) => !e.accepted).map((e) => e.line));
    for (const q of quarantine) {
      expect(q.raw.length).toBeGreaterThan(0);
      expect(q.reason.length).toBeGreaterThan(0);
    }
    if (report.accepted > 0) {
      // Every accepted row once, its text (injection strings included) stored exactly as sent.
      const rows = await withDuckDB(async (db) => {
        const reader = await db.runAndReadAll(
          `SELECT transaction_id, merchant_name FROM ${transactionsSource(path.join(dir, 'lake'))} ORDER BY 1`,
        );
        return reader.getRowObjectsJS() as { transaction_id: string; merchant_name: string }[];
      });
      const want = expected
        .filter((e) => e.accepted)
        .map((e) => ({ transaction_id: e.id, merchant_name: e.merchant! }))
        .sort((a, b) => (a.transaction_id < b.transaction_id ? -1 : 1));
      expect(rows).toEqual(want);
    }
    return report;
  }

  it(`ingests generated files without crashing, every row accounted for (${PIPELINE_RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(fileSpec, async (spec) => {
        const { bytes, expected } = buildFile(spec);
        await ingestAndCheck(bytes, spec.format, expected);
      }),
      { numRuns: PIPELINE_RUNS },
    );
  }, 600_000);

  it('ingests a CSV file with a 10 MB line: one quarantined row, the rest in the lake', async () => {
    const spec: FileSpec = {
      format: 'csv',
      bom: false,
      crlf: false,
      finalNewline: true,
      rows: [1, 2, 3, 4].map((pick) => ({ kind: 'plain' as const, pick, day: 2 })),
    };
    const { bytes, expected } = buildFile(spec);
    const text = bytes.toString('utf8').replace('Shop 2', 'Z'.repeat(10 * 1024 * 1024));
    expected[1]!.accepted = false;
    const report = await ingestAndCheck(Buffer.from(text), 'csv', expected);
    expect(report).toMatchObject({ read: 4, accepted: 3, quarantined: 1 });
  }, 120_000);

  it('moves a file with an unusable header to failed/ with its reason', async () => {
    const prefix = `b${++runs}_`;
    const store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: prefix });
    stores.push(store);
    await ensureTables(store);
    const dir = path.join(root, prefix);
    const file = path.join(dir, 'inbox', 'headless.csv');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '\uFEFFid;amount\r\nx;1\r\n');
    const report = await ingestFile({ store, model, files: new LocalFileStore(dir) }, { file });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/lacks required columns/);
    expect(await fs.readFile(`${report.failedFile}.error.txt`, 'utf8')).toMatch(/lacks required columns/);
  }, 60_000);
});
