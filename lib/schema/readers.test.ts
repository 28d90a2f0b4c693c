import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { afterAll, describe, expect, it } from 'vitest';

import {
  detectFormat,
  readTransactionBatches,
  readTransactions,
  UnreadableFileError,
  type FileFormat,
  type ReadResult,
} from './readers';
import { MAX_RECORD_CHARS } from './record-splitter';
import { TRANSACTION_FIELDS, type Transaction } from './transaction';

const dir = mkdtempSync(path.join(tmpdir(), 'readers-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = TRANSACTION_FIELDS.join(',');
type Row = Record<string, string>;
const BASE: Row = {
  transaction_id: 't1',
  timestamp: '2024-05-01T13:45:00Z',
  card_id: 'card-1',
  terminal_id: 'term-1',
  merchant_name: 'Corner Shop',
  mcc: '5411',
  amount: '12.50',
  currency: 'EUR',
  channel: 'chip',
  card_country: 'FR',
  merchant_country: 'FR',
  is_fraud: '0',
  fraud_scenario: '',
};
const csvLine = (over: Row = {}): string => TRANSACTION_FIELDS.map((f) => over[f] ?? BASE[f]).join(',');
const csv = (...lines: string[]): string => `${[HEADER, ...lines].join('\n')}\n`;

/** Reads `text` through a stream cut into `chunk`-byte pieces (default: one piece). */
async function read(text: string | Buffer, format: FileFormat, chunk = 0): Promise<ReadResult[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const pieces: Buffer[] = [];
  if (chunk <= 0) pieces.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const out: ReadResult[] = [];
  for await (const r of readTransactions(Readable.from(pieces), { format })) out.push(r);
  return out;
}

const rejected = (results: ReadResult[]) => results.filter((r) => !r.ok);
const accepted = (results: ReadResult[]): Transaction[] => results.flatMap((r) => (r.ok ? [r.tx] : []));

/** The single rejection of a one-bad-row CSV; the good first row proves lines are counted right. */
async function rejectCsv(line: string): Promise<Extract<ReadResult, { ok: false }>> {
  const results = await read(csv(csvLine({ transaction_id: 'good' }), line), 'csv');
  expect(results).toHaveLength(2);
  expect(results[0]!.ok).toBe(true);
  const bad = results[1]!;
  if (bad.ok) throw new Error(`expected a rejection of ${line}`);
  expect(bad.line).toBe(3);
  expect(bad.raw).toBe(line);
  return bad;
}

async function rejectNdjson(line: string): Promise<Extract<ReadResult, { ok: false }>> {
  const results = await read(`${line}\n`, 'ndjson');
  expect(results).toHaveLength(1);
  const bad = results[0]!;
  if (bad.ok) throw new Error(`expected a rejection of ${line}`);
  expect(bad.line).toBe(1);
  expect(bad.raw).toBe(line);
  return bad;
}

const jsonRecord = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...BASE,
  amount: 12.5,
  is_fraud: false,
  fraud_scenario: undefined,
  ...over,
});

describe('valid rows', () => {
  it('coerces CSV text and normalises the record', async () => {
    const [r] = await read(
      csv(csvLine({ transaction_id: '  t1 ', is_fraud: 'TRUE', fraud_scenario: 'card_theft' })),
      'csv',
    );
    expect(r).toEqual({
      ok: true,
      line: 2,
      tx: {
        ...BASE,
        timestamp: '2024-05-01T13:45:00.000Z',
        amount: 12.5,
        is_fraud: true,
        fraud_scenario: 'card_theft',
      },
    });
  });

  it('leaves empty is_fraud and fraud_scenario absent', async () => {
    const [r] = await read(csv(csvLine({ is_fraud: '' })), 'csv');
    expect(r?.ok && Object.keys(r.tx)).toEqual(TRANSACTION_FIELDS.slice(0, 11));
  });

  it('accepts JSON labels as 0/1 or null', async () => {
    const lines = [
      jsonRecord({ transaction_id: 'a', is_fraud: 1 }),
      jsonRecord({ transaction_id: 'b', is_fraud: null, fraud_scenario: null }),
    ];
    const results = await read(lines.map((l) => JSON.stringify(l)).join('\n'), 'ndjson');
    expect(accepted(results).map((tx) => tx.is_fraud)).toEqual([true, undefined]);
  });

  it('ignores unknown JSON keys and extra CSV columns', async () => {
    const [j] = await read(JSON.stringify(jsonRecord({ extra: { deep: 1 } })), 'ndjson');
    expect(j?.ok && 'extra' in j.tx).toBe(false);
    const [c] = await read(`${HEADER},notes\n${csvLine()},hello\n`, 'csv');
    expect(c?.ok).toBe(true);
  });

  it('matches header names regardless of case, spaces and column order', async () => {
    const fields = [...TRANSACTION_FIELDS].reverse();
    const text = `${fields.map((f) => ` ${f.toUpperCase()} `).join(',')}\n${fields.map((f) => BASE[f]).join(',')}\n`;
    expect(accepted(await read(text, 'csv'))).toHaveLength(1);
  });
});

describe('rejection reasons name the field and quote the value', () => {
  it('wrong JSON type', async () => {
    const bad = await rejectNdjson(JSON.stringify(jsonRecord({ amount: '12.50' })));
    expect(bad.reason).toBe('amount must be a number (got "12.50")');
  });

  it('is_fraud of the wrong type', async () => {
    expect((await rejectNdjson(JSON.stringify(jsonRecord({ is_fraud: 'no' })))).reason).toBe(
      'is_fraud must be true/false or 1/0 (got "no")',
    );
    expect((await rejectCsv(csvLine({ is_fraud: 'yes' }))).reason).toBe(
      'is_fraud must be true/false or 1/0 (got "yes")',
    );
  });

  it('missing field', async () => {
    const record = jsonRecord();
    delete record.card_id;
    expect((await rejectNdjson(JSON.stringify(record))).reason).toBe('card_id is missing');
    expect((await rejectCsv(csvLine({ amount: '' }))).reason).toBe('amount is missing');
    expect((await rejectCsv(csvLine({ card_id: '' }))).reason).toBe('card_id is empty');
  });

  it('timestamp not ISO-8601 UTC', async () => {
    const bad = await rejectCsv(csvLine({ timestamp: '2024-05-01 13:45:00' }));
    expect(bad.reason).toBe(
      'timestamp "2024-05-01 13:45:00" is not ISO-8601 UTC (expected e.g. 2024-05-01T13:45:00Z)',
    );
    expect((await rejectCsv(csvLine({ timestamp: '2024-05-01T13:45:00+02:00' }))).reason).toMatch(
      /^timestamp .* is not ISO-8601 UTC/,
    );
  });

  it('impossible date', async () => {
    expect((await rejectCsv(csvLine({ timestamp: '2023-02-29T00:00:00Z' }))).reason).toBe(
      'timestamp "2023-02-29T00:00:00Z" is not a real date and time',
    );
  });

  it('date out of range', async () => {
    expect((await rejectCsv(csvLine({ timestamp: '1999-12-31T23:59:59Z' }))).reason).toBe(
      'timestamp "1999-12-31T23:59:59Z" is outside 2000-01-01..2099-12-31',
    );
  });

  it('negative amount', async () => {
    expect((await rejectCsv(csvLine({ amount: '-5.00' }))).reason).toBe('amount is negative (got -5)');
  });

  it('amount that is not decimal text', async () => {
    expect((await rejectCsv(csvLine({ amount: '"12,50"' }))).reason).toBe(
      'amount "12,50" is not a decimal number such as 12.50',
    );
    expect((await rejectCsv(csvLine({ amount: 'abc' }))).reason).toBe(
      'amount "abc" is not a decimal number such as 12.50',
    );
  });

  it('non-finite amount', async () => {
    expect((await rejectCsv(csvLine({ amount: 'Infinity' }))).reason).toBe(
      'amount "Infinity" is not a finite number',
    );
    expect((await rejectCsv(csvLine({ amount: 'NaN' }))).reason).toBe('amount "NaN" is not a finite number');
    // JSON has no Infinity literal, but an overflowing exponent parses to it.
    const line = JSON.stringify(jsonRecord()).replace('"amount":12.5', '"amount":1e999');
    expect((await rejectNdjson(line)).reason).toMatch(/^amount must be a (finite )?number \(got Infinity\)$/);
  });

  it('unknown channel', async () => {
    expect((await rejectCsv(csvLine({ channel: 'telepathy' }))).reason).toBe(
      'unknown channel "telepathy" (expected chip, swipe, contactless, ecommerce)',
    );
  });

  it('bad country, currency and mcc', async () => {
    expect((await rejectCsv(csvLine({ card_country: 'fra' }))).reason).toBe(
      'card_country must be a two-letter ISO 3166 code such as FR (got "fra")',
    );
    expect((await rejectCsv(csvLine({ currency: 'euro' }))).reason).toBe(
      'currency must be a three-letter ISO 4217 code (got "euro")',
    );
    expect((await rejectCsv(csvLine({ mcc: '541' }))).reason).toBe(
      'mcc must be a four-digit merchant category code (got "541")',
    );
  });

  it('lists every bad field, in column order, joined by "; "', async () => {
    const bad = await rejectCsv(
      csvLine({ merchant_country: 'x', mcc: '1', amount: '1,5'.replace(',', ';'), channel: 'fax' }),
    );
    expect(bad.reason).toBe(
      'mcc must be a four-digit merchant category code (got "1"); amount "1;5" is not a decimal number such as 12.50; ' +
        'unknown channel "fax" (expected chip, swipe, contactless, ecommerce); ' +
        'merchant_country must be a two-letter ISO 3166 code such as FR (got "x")',
    );
  });

  it('clips long values to 40 characters', async () => {
    const bad = await rejectCsv(csvLine({ mcc: '9'.repeat(100) }));
    expect(bad.reason).toBe(`mcc must be a four-digit merchant category code (got "${'9'.repeat(40)}…")`);
  });

  it('duplicate transaction_id: first wins, later ones name its line', async () => {
    const results = await read(
      csv(
        csvLine(),
        csvLine({ transaction_id: 'other' }),
        csvLine({ amount: '3' }),
        csvLine({ amount: '-1' }),
      ),
      'csv',
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false]);
    expect(results[2]).toEqual({
      ok: false,
      line: 4,
      raw: csvLine({ amount: '3' }),
      reason: 'duplicate transaction_id "t1" (first seen on line 2)',
      duplicateOf: 2,
    });
    expect(results[3]).toMatchObject({
      reason: 'amount is negative (got -1); duplicate transaction_id "t1" (first seen on line 2)',
      duplicateOf: 2,
    });
  });

  it('malformed JSON line', async () => {
    const bad = await rejectNdjson('{"transaction_id": "t1",');
    expect(bad.reason).toMatch(/^malformed JSON: .+/);
  });

  it('JSON value that is not an object', async () => {
    expect((await rejectNdjson('[1,2]')).reason).toBe('JSON value is not an object (got an array: [1,2])');
    expect((await rejectNdjson('42')).reason).toBe('JSON value is not an object (got a number: 42)');
    expect((await rejectNdjson('null')).reason).toBe('JSON value is not an object (got null: null)');
  });

  it('CSV column count mismatch', async () => {
    expect((await rejectCsv(`${csvLine()},extra`)).reason).toBe(
      'row has 14 fields but the header has 13 columns',
    );
    expect((await rejectCsv('t9,2024-05-01T13:45:00Z')).reason).toBe(
      'row has 2 fields but the header has 13 columns',
    );
  });

  it('text after a closing quote', async () => {
    expect((await rejectCsv(csvLine({ merchant_name: '"Shop"x' }))).reason).toBe(
      'malformed CSV: text after the closing quote of field 5 (merchant_name)',
    );
  });

  it('unterminated quote swallows the rest of the file into one rejected record', async () => {
    const line = csvLine({ merchant_name: '"Shop' });
    const results = await read(
      csv(csvLine({ transaction_id: 'good' }), line, csvLine({ transaction_id: 'eaten' })),
      'csv',
    );
    expect(results).toHaveLength(2);
    expect(results[1]).toEqual({
      ok: false,
      line: 3,
      raw: `${line}\n${csvLine({ transaction_id: 'eaten' })}\n`,
      reason:
        'unterminated quote: a quoted field opened in this record is never closed before the end of the file',
    });
  });

  it('invalid UTF-8 costs its row only', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n${csvLine({ transaction_id: 'a' })}\n`),
      Buffer.from(csvLine({ transaction_id: 'b', merchant_name: 'Caf' })),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`\n${csvLine({ transaction_id: 'c', merchant_name: 'Café' })}\n`),
    ]);
    const results = await read(bytes, 'csv');
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({
      line: 3,
      reason: 'invalid UTF-8: the record holds bytes that are not valid UTF-8 (decoded as U+FFFD)',
    });
    expect(accepted(results)[1]?.merchant_name).toBe('Café');
  });
});

describe('layout', () => {
  it('handles a BOM, CRLF, blank lines and a last line without newline', async () => {
    const text = `\uFEFF${HEADER}\r\n\r\n${csvLine({ transaction_id: 'a' })}\r\n   \r\n${csvLine({ transaction_id: 'b', amount: 'x' })}\r\n${csvLine({ transaction_id: 'c' })}`;
    const results = await read(text, 'csv');
    expect(results.map((r) => [r.line, r.ok])).toEqual([
      [3, true],
      [5, false],
      [6, true],
    ]);
    expect(results[1]).toMatchObject({ raw: csvLine({ transaction_id: 'b', amount: 'x' }) });
  });

  it('keeps quoted newlines and numbers lines from where the record starts', async () => {
    const multi = csvLine({ transaction_id: 'a', merchant_name: '"Joe\'s, ""Best""\r\nDiner"' });
    const bad = csvLine({ transaction_id: 'b', merchant_name: '"two\nlines"', mcc: 'x' });
    const results = await read(csv(multi, bad, csvLine({ transaction_id: 'c' })), 'csv');
    expect(results.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(accepted(results)[0]?.merchant_name).toBe('Joe\'s, "Best"\r\nDiner');
    expect(results[1]).toMatchObject({ ok: false, raw: bad });
  });

  it('gives the same results however the input is cut into chunks', async () => {
    const text = `\uFEFF${HEADER}\r\n${csvLine({ transaction_id: 'a', merchant_name: '"Zoë ""Ü"" \n€"' })}\r\n\n${csvLine({ transaction_id: 'b', amount: '' })}\n${csvLine({ merchant_name: '"x' })}`;
    const whole = await read(text, 'csv');
    expect(whole).toHaveLength(3);
    for (const chunk of [1, 2, 3, 7, 64]) expect(await read(text, 'csv', chunk)).toEqual(whole);
    const json = `[\n${JSON.stringify(jsonRecord({ merchant_name: 'a]"}\\' }), null, 1)},\n"x",\n{"bad":\n]`;
    const wholeJson = await read(json, 'json');
    expect(wholeJson).toHaveLength(3);
    for (const chunk of [1, 2, 5]) expect(await read(json, 'json', chunk)).toEqual(wholeJson);
  });

  it('reads JSON arrays element by element, numbering lines from where each starts', async () => {
    const a = JSON.stringify(
      jsonRecord({ transaction_id: 'a', merchant_name: 'Brackets ]}[{ and \\" quotes' }),
      null,
      2,
    );
    const text = `  [\n${a},\n\n  {"transaction_id": 5},\n  [1], ,\n${JSON.stringify(jsonRecord({ transaction_id: 'b' }))}\n]\n`;
    const results = await read(text, 'json');
    expect(results.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [17, false],
      [18, false],
      [19, true],
    ]);
    expect(results[1]).toMatchObject({ raw: '{"transaction_id": 5}' });
    expect(results[2]).toMatchObject({
      raw: '[1]',
      reason: 'JSON value is not an object (got an array: [1])',
    });
  });

  it('reports a truncated JSON array and text after it', async () => {
    const rec = JSON.stringify(jsonRecord());
    expect(await read(`[${rec},\n{"transaction_id": "t2", "amo`, 'json')).toEqual([
      { ok: true, line: 1, tx: expect.objectContaining({ transaction_id: 't1' }) },
      {
        ok: false,
        line: 2,
        raw: '{"transaction_id": "t2", "amo',
        reason: 'truncated file: it ends inside this element, before the array is closed with ]',
      },
    ]);
    expect(rejected(await read(`[${rec},\n`, 'json'))).toEqual([
      { ok: false, line: 2, raw: '', reason: 'truncated file: it ends before the array is closed with ]' },
    ]);
    expect(rejected(await read(`[${rec}]\n\nnope`, 'json'))).toEqual([
      { ok: false, line: 3, raw: 'nope', reason: 'unexpected text after the closing ] of the array' },
    ]);
  });
});

describe('huge records', () => {
  const huge = 'x'.repeat(12 * 1024 * 1024);

  it('rejects a 12 MB CSV line with a clipped raw and goes on', async () => {
    const results = await read(
      csv(csvLine({ merchant_name: huge }), csvLine({ transaction_id: 'after' })),
      'csv',
      1 << 16,
    );
    expect(results).toHaveLength(2);
    const bad = results[0]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.line).toBe(2);
      expect(bad.raw.length).toBeLessThanOrEqual(1001);
      expect(bad.reason).toMatch(/^record is [\d,]+ characters long, above the 1,048,576-character limit$/);
    }
    expect(results[1]).toMatchObject({ ok: true, line: 3 });
  });

  it('rejects a 12 MB quoted field spanning lines, and one delivered in a single chunk', async () => {
    const field = `"${huge.slice(0, 4_000_000)}\n${huge.slice(0, 4_000_000)}"`;
    for (const chunk of [1 << 16, 0]) {
      const results = await read(
        csv(csvLine({ merchant_name: field }), csvLine({ transaction_id: 'after' })),
        'csv',
        chunk,
      );
      expect(results.map((r) => [r.line, r.ok])).toEqual([
        [2, false],
        [4, true],
      ]);
    }
  });

  it('a stray quote early in a large file costs one bounded rejection', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => csvLine({ transaction_id: `t${i}` }));
    const stray = csvLine({ transaction_id: 'stray', merchant_name: '"Shop' });
    const results = await read(csv(rows[0]!, stray, ...rows.slice(1)), 'csv', 1 << 16);
    expect(results).toHaveLength(2);
    expect(results[1]).toMatchObject({
      ok: false,
      line: 3,
      reason: expect.stringMatching(/^unterminated quote/),
    });
    expect(!results[1]!.ok && results[1]!.raw.length).toBe(1001);
  });

  it('rejects a 12 MB NDJSON line and a 12 MB JSON element', async () => {
    const big = JSON.stringify(jsonRecord({ merchant_name: huge }));
    const nd = await read(
      `${big}\n${JSON.stringify(jsonRecord({ transaction_id: 'after' }))}\n`,
      'ndjson',
      1 << 16,
    );
    expect(nd.map((r) => [r.line, r.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    const arr = await read(
      `[${big},\n${JSON.stringify(jsonRecord({ transaction_id: 'after' }))}]`,
      'json',
      1 << 16,
    );
    expect(arr.map((r) => [r.line, r.ok])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(arr[0]).toMatchObject({ reason: expect.stringMatching(/above the 1,048,576-character limit/) });
    expect(MAX_RECORD_CHARS).toBe(1_048_576);
  });
});

describe('accounting and formats', () => {
  const records = [
    jsonRecord({ transaction_id: 'a', amount: 0 }),
    jsonRecord({
      transaction_id: 'b',
      amount: 999_999.99,
      channel: 'ecommerce',
      is_fraud: true,
      fraud_scenario: 'cnp',
    }),
    jsonRecord({
      transaction_id: 'c',
      merchant_name: 'Comma, "quoted" and\nnewline',
      timestamp: '2024-02-29T23:59:59.123+00:00',
    }),
    jsonRecord({ transaction_id: 'd', amount: -1 }),
    jsonRecord({ transaction_id: 'a', amount: 5 }),
    jsonRecord({ transaction_id: 'e', channel: 'fax', mcc: '12' }),
  ];
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const asCsv = () =>
    csv(
      ...records.map((r) =>
        TRANSACTION_FIELDS.map((f) => (r[f] === undefined ? '' : quote(String(r[f])))).join(','),
      ),
    );

  it('CSV, NDJSON and JSON give the same accepted transactions and rejected lines', async () => {
    const fromCsv = await read(asCsv(), 'csv');
    const fromNd = await read(records.map((r) => JSON.stringify(r)).join('\n'), 'ndjson');
    const fromJson = await read(`[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]`, 'json');
    expect(accepted(fromCsv)).toHaveLength(3);
    expect(accepted(fromNd)).toStrictEqual(accepted(fromCsv));
    expect(accepted(fromJson)).toStrictEqual(accepted(fromCsv));
    // Only the line a duplicate points back to differs: the three layouts number lines differently.
    const reasons = (rs: ReadResult[]) =>
      rejected(rs).map((r) => !r.ok && r.reason.replace(/line \d+/, 'line N'));
    expect(reasons(fromNd)).toEqual(reasons(fromCsv));
    expect(reasons(fromJson)).toEqual(reasons(fromCsv));
  });

  it('every data record is either accepted or rejected', async () => {
    const extra = [
      `${csvLine({ transaction_id: 'f' })},x`,
      '',
      csvLine({ transaction_id: 'g', timestamp: 'now' }),
      csvLine({ transaction_id: 'h' }),
    ];
    const text = `${asCsv()}${extra.join('\n')}\n`;
    const results = await read(text, 'csv');
    const dataRecords = records.length + extra.filter((l) => l !== '').length;
    expect(results).toHaveLength(dataRecords);
    expect(accepted(results).length + rejected(results).length).toBe(dataRecords);
    expect(accepted(results).length).toBe(4);
  });

  it('batches carry the same results in the same order', async () => {
    const lines = Array.from({ length: 250 }, (_, i) =>
      csvLine({ transaction_id: `t${i}`, amount: i % 7 ? '1' : 'x' }),
    );
    const file = path.join(dir, 'batches.csv');
    writeFileSync(file, csv(...lines));
    const flat: ReadResult[] = [];
    for await (const r of readTransactions(file)) flat.push(r);
    const batches: ReadResult[][] = [];
    for await (const b of readTransactionBatches(Readable.from([csv(...lines)]), {
      name: 'x.csv',
      batchSize: 100,
    }))
      batches.push(b);
    expect(batches.flat()).toEqual(flat);
    expect(batches.map((b) => b.length)).toEqual([250]); // one chunk is never split
    expect(flat).toHaveLength(250);
  });
});

describe('unreadable files', () => {
  const message = async (source: string | Readable, opts = {}) => {
    try {
      for await (const _ of readTransactions(source, opts)) void _;
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableFileError);
      return (error as Error).message;
    }
    throw new Error('expected UnreadableFileError');
  };

  it('detects the format from the extension, with an override', async () => {
    expect(['a.csv', 'b.NDJSON', 'c.jsonl', 'd.json'].map(detectFormat)).toEqual([
      'csv',
      'ndjson',
      'ndjson',
      'json',
    ]);
    expect(() => detectFormat('e.txt')).toThrow(/unknown file format ".txt"/);
    const file = path.join(dir, 'rows.txt');
    writeFileSync(file, csv(csvLine()));
    expect(await message(file)).toMatch(/rows\.txt: unknown file format/);
    const results: ReadResult[] = [];
    for await (const r of readTransactions(file, { format: 'csv' })) results.push(r);
    expect(accepted(results)).toHaveLength(1);
  });

  it('missing file and directory', async () => {
    expect(await message(path.join(dir, 'nope.csv'))).toMatch(/nope\.csv: no such file$/);
    const sub = path.join(dir, 'sub.csv');
    rmSync(sub, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(sub));
    expect(await message(sub)).toMatch(/sub\.csv: is a directory/);
  });

  it('CSV header lacking required columns names them', async () => {
    const header = TRANSACTION_FIELDS.filter((f) => f !== 'card_id' && f !== 'mcc' && f !== 'is_fraud').join(
      ',',
    );
    expect(await message(Readable.from([`${header}\n`]), { format: 'csv', name: 'in.csv' })).toMatch(
      /^in\.csv: the CSV header lacks required columns card_id, mcc \(found: transaction_id, timestamp/,
    );
    expect(await message(Readable.from(['']), { format: 'csv' })).toBe(
      '<stream>: the file is empty; expected a CSV header line',
    );
  });

  it('a JSON file that is not an array', async () => {
    expect(await message(Readable.from(['{"transaction_id": "t1"}']), { name: 'one.json' })).toBe(
      'one.json: expected a JSON array of transactions, but the file starts with "{"transaction_id": "t1"}"',
    );
    expect(await message(Readable.from(['  \n']), { name: 'empty.json' })).toMatch(
      /empty\.json: the file is empty/,
    );
  });
});
