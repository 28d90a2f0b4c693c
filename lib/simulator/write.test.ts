import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';

import { TRANSACTION_FIELDS, transactionSchema, type Transaction } from '@/lib/schema/transaction';

import { amountText, CsvEncoder, csvRow } from './csv';
import { simulate } from './index';
import { defaultOptions, type SimulateOptions } from './options';
import { encodeDay, formatDay, inboxFileName, writeInbox } from './write';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'simulate-write-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const options: SimulateOptions = {
  ...defaultOptions('realistic'),
  start: '2025-03-01',
  days: 3,
  customers: 400,
  terminals: 200,
};
const inMemory = () => [...simulate(options)];

/** A CSV row as the ingest side would read it, before validation. */
function fromCsv(row: Record<string, string>): unknown {
  return {
    ...row,
    amount: Number(row.amount),
    is_fraud: row.is_fraud === '' ? undefined : row.is_fraud === '1',
    fraud_scenario: row.fraud_scenario === '' ? undefined : row.fraud_scenario,
  };
}

const base: Transaction = {
  transaction_id: 't1',
  timestamp: '2025-03-01T10:00:00.000Z',
  card_id: 'C00001',
  terminal_id: 'T00001',
  merchant_name: 'Shop',
  mcc: '5411',
  amount: 12.5,
  currency: 'EUR',
  channel: 'chip',
  card_country: 'FR',
  merchant_country: 'FR',
  is_fraud: false,
  fraud_scenario: undefined,
};

describe('inbox writer', () => {
  it('writes one CSV file per day that reads back to the in-memory records', () => {
    const dir = path.join(tmp, 'csv');
    const summary = writeInbox(options, dir, 'csv');
    const days = inMemory();
    expect(fs.readdirSync(dir).sort()).toEqual(days.map((d) => inboxFileName(d.day, 'csv')));
    expect(summary.days).toBe(3);
    expect(summary.transactions).toBe(days.reduce((n, d) => n + d.transactions.length, 0));
    for (const { day, transactions } of days) {
      const text = fs.readFileSync(path.join(dir, `transactions-${day}.csv`), 'utf8');
      expect(text.split('\n', 1)[0]).toBe(TRANSACTION_FIELDS.join(','));
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => transactionSchema.parse(fromCsv(r)))).toEqual(transactions);
    }
  });

  it('writes NDJSON that reads back to the in-memory records', () => {
    const dir = path.join(tmp, 'ndjson');
    writeInbox(options, dir, 'ndjson');
    for (const { day, transactions } of inMemory()) {
      const lines = fs
        .readFileSync(path.join(dir, `transactions-${day}.ndjson`), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines.map((l) => transactionSchema.parse(JSON.parse(l)))).toEqual(transactions);
      expect(Object.keys(JSON.parse(lines[0]!))).toEqual(
        TRANSACTION_FIELDS.filter((f) => f !== 'fraud_scenario' || transactions[0]!.is_fraud),
      );
    }
  });

  it('writes byte-identical files for the same arguments, and reports progress per day', () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const seen: number[] = [];
    writeInbox(options, a, 'csv', (p) => seen.push(p.dayNumber));
    writeInbox(options, b, 'csv');
    expect(seen).toEqual([1, 2, 3]);
    for (const name of fs.readdirSync(a))
      expect(fs.readFileSync(path.join(a, name)).equals(fs.readFileSync(path.join(b, name)))).toBe(true);
    expect(fs.readdirSync(a).some((n) => n.startsWith('.'))).toBe(false);
  });

  it('encodes the same bytes as the readable formatter, quoting where needed', () => {
    const tricky: Transaction[] = [
      base,
      {
        ...base,
        transaction_id: 't,2',
        merchant_name: 'Café "Le Zinc", Paris',
        amount: 0,
        is_fraud: true,
        fraud_scenario: 'card_testing',
      },
      { ...base, transaction_id: 'tü3', merchant_name: 'Line\nbreak', amount: 0.07, is_fraud: undefined },
      { ...base, merchant_name: 'Bäckerei Müller Köln', amount: 999_999.99 },
    ];
    const fromEncoder = new TextDecoder().decode(new CsvEncoder().encode(tricky));
    expect(fromEncoder).toBe(formatDay(tricky, 'csv'));
    expect(csvRow(tricky[1]!)).toBe(
      '"t,2",2025-03-01T10:00:00.000Z,C00001,T00001,"Café ""Le Zinc"", Paris",5411,0.00,EUR,chip,FR,FR,1,card_testing',
    );
    expect(csvRow(tricky[2]!).endsWith(',FR,FR,,')).toBe(true);
    const back = parse(fromEncoder, { columns: true }) as Record<string, string>[];
    expect(back.map((r) => transactionSchema.parse(fromCsv(r)))).toEqual(tricky);
  });

  it('matches the text formatter on a whole simulated day', () => {
    const [first] = inMemory();
    const bytes = encodeDay(first!.transactions, 'csv');
    expect(new TextDecoder().decode(bytes)).toBe(formatDay(first!.transactions, 'csv'));
  });

  it('prints amounts with exactly two decimals, as toFixed(2) does for cent values', () => {
    expect([0, 0.1, 0.07, 12.3, 220.01, 1e6].map(amountText)).toEqual([
      '0.00',
      '0.10',
      '0.07',
      '12.30',
      '220.01',
      '1000000.00',
    ]);
    const mismatches: number[] = [];
    for (let k = 0; k < 2_000_000; k += 37)
      if (amountText(k / 100) !== (k / 100).toFixed(2)) mismatches.push(k);
    expect(mismatches).toEqual([]);
  });
});
