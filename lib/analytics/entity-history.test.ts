// The transaction page's lake reads on both engines: DuckDB over a tiny hand-made lake whose answers
// are worked out by hand, and Athena through the SDK (aws-sdk-client-mock) with Athena-shaped results.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type ColumnInfo,
  type Row,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqlString, withDuckDB } from '@/lib/lake/duckdb';

import { AthenaEngine } from './athena';
import { DuckDBEngine } from './duckdb-engine';
import { cardActivity, terminalHistory } from './entity-history';

// id, time (UTC), card, terminal, amount, score, is_fraud
const ROWS: Array<[string, string, string, string, number, number | null, boolean | null]> = [
  ['a', '2025-03-01 10:00:00', 'C1', 'T1', 10, 0.1, false],
  ['b', '2025-03-20 09:00:00', 'C1', 'T1', 20, 0.2, true],
  ['c', '2025-03-28 12:00:00', 'C1', 'T2', 30, null, null],
  ['d', '2025-03-30 08:00:00', 'C2', 'T1', 40, 0.4, false],
  ['e', '2025-03-30 23:00:00', 'C1', 'T1', 50, 0.9, true], // "this" transaction in the tests
  ['f', '2025-03-31 20:00:00', 'C1', 'T1', 60, 0.3, false], // within 24 h after
  ['g', '2025-04-02 08:00:00', 'C1', 'T1', 70, 0.3, false], // too late
];

let dir: string;
let duck: DuckDBEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'entity-history-'));
  await withDuckDB(async (db) => {
    for (const day of new Set(ROWS.map((r) => r[1].slice(0, 10)))) {
      const values = ROWS.filter((r) => r[1].startsWith(day))
        .map(
          ([id, ts, card, terminal, amount, score, fraud]) =>
            `(${sqlString(id)}, CAST(${sqlString(ts)} AS TIMESTAMP), ${sqlString(card)}, ${sqlString(terminal)}, 'Shop', '5411', CAST(${amount} AS DOUBLE), 'EUR', 'chip', 'FR', 'FR', CAST(${score ?? 'NULL'} AS DOUBLE), CAST(${fraud ?? 'NULL'} AS BOOLEAN))`,
        )
        .join(', ');
      const out = path.join(dir, 'transactions', `dt=${day}`);
      await mkdir(out, { recursive: true });
      await db.run(
        `COPY (SELECT * FROM (VALUES ${values}) t(transaction_id, "timestamp", card_id, terminal_id, merchant_name, mcc, amount, currency, channel, card_country, merchant_country, score, is_fraud)) TO ${sqlString(path.join(out, 'part-x.parquet'))} (FORMAT parquet)`,
      );
    }
  });
  duck = new DuckDBEngine(dir);
});

afterAll(async () => {
  await duck?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('on DuckDB', () => {
  it("reads the card's transactions from 30 days before to 24 hours after, newest first", async () => {
    const activity = await cardActivity(duck, { cardId: 'C1', at: '2025-03-30T23:00:00.000Z' });
    // a (1 Mar, 10:00) is just inside the 30 days; g (2 Apr) is after the 24 hours; d is another card.
    expect(activity.rows.map((r) => r.transaction_id)).toEqual(['f', 'e', 'c', 'b', 'a']);
    expect(activity.total).toBe(5);
    expect(activity.rows[1]).toEqual({
      transaction_id: 'e',
      timestamp: '2025-03-30T23:00:00.000Z',
      terminal_id: 'T1',
      merchant_name: 'Shop',
      mcc: '5411',
      amount: 50,
      currency: 'EUR',
      channel: 'chip',
      card_country: 'FR',
      merchant_country: 'FR',
      score: 0.9,
    });
    expect(activity.rows[2]!.score).toBeNull();
    expect(activity).toMatchObject({ from: '2025-02-28T23:00:00.000Z', to: '2025-03-31T23:00:00.000Z' });

    const limited = await cardActivity(duck, { cardId: 'C1', at: '2025-03-30T23:00:00.000Z', limit: 2 });
    expect(limited.rows.map((r) => r.transaction_id)).toEqual(['f', 'e']);
    expect(limited.total).toBe(5);
    expect((await cardActivity(duck, { cardId: "C'9", at: '2025-03-30T23:00:00.000Z' })).total).toBe(0);
  });

  it("counts the terminal's earlier transactions and labelled frauds per day, every day of the window", async () => {
    const history = await terminalHistory(duck, { terminalId: 'T1', at: '2025-03-30T23:00:00.000Z' });
    expect(history.days).toHaveLength(31);
    expect(history.days[0]!.day).toBe('2025-02-28');
    expect(history.days.at(-1)!.day).toBe('2025-03-30');
    // Before 23:00 on the 30th: a (1 Mar), b (20 Mar, fraud), d (30 Mar); e itself is excluded.
    expect(history.last30).toEqual({ transactions: 3, frauds: 1, labelled: 3, rate: 1 / 3 });
    expect(history.last7).toEqual({ transactions: 1, frauds: 0, labelled: 1, rate: 0 });
    expect(history.days.find((d) => d.day === '2025-03-20')).toEqual({
      day: '2025-03-20',
      transactions: 1,
      frauds: 1,
      labelled: 1,
    });
  });

  it('answers empty on a lake without any file instead of failing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'entity-history-empty-'));
    const engine = new DuckDBEngine(empty);
    try {
      expect((await cardActivity(engine, { cardId: 'C1', at: '2025-03-30T23:00:00.000Z' })).rows).toEqual([]);
      const history = await terminalHistory(engine, { terminalId: 'T1', at: '2025-03-30T23:00:00.000Z' });
      expect(history.last30).toEqual({ transactions: 0, frauds: 0, labelled: 0, rate: null });
    } finally {
      await engine.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('on Athena', () => {
  const athena = mockClient(AthenaClient);
  const engine = () =>
    new AthenaEngine(new AthenaClient({ region: 'eu-west-1' }), {
      workgroup: 'fraud',
      database: 'fraud_lake',
      outputLocation: 's3://results/athena/',
      pollMs: 1,
      maxPollMs: 4,
    });
  const row = (...values: (string | undefined)[]): Row => ({
    Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })),
  });
  const answer = (columns: ColumnInfo[], rows: Row[]) => {
    athena.reset();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolves({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: columns },
        Rows: [row(...columns.map((c) => c.Name)), ...rows],
      },
    });
  };
  const sentSql = (): string =>
    athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString ?? '';

  it('reads the card history from the S3 table, only the partitions of the window, typed from the metadata', async () => {
    const varchar = (Name: string): ColumnInfo => ({ Name, Type: 'varchar' });
    answer(
      [
        varchar('transaction_id'),
        varchar('ts'),
        varchar('terminal_id'),
        varchar('merchant_name'),
        varchar('mcc'),
        { Name: 'amount', Type: 'double' },
        varchar('currency'),
        varchar('channel'),
        varchar('card_country'),
        varchar('merchant_country'),
        { Name: 'score', Type: 'double' },
        { Name: 'total', Type: 'bigint' },
      ],
      [
        row(
          'e',
          '2025-03-30 23:00:00.000',
          'T1',
          'Shop',
          '5411',
          '50.0',
          'EUR',
          'chip',
          'FR',
          'FR',
          '0.9',
          '2',
        ),
        row(
          'c',
          '2025-03-28 12:00:00.000',
          'T2',
          'Shop',
          '5411',
          '30.0',
          'EUR',
          'chip',
          'FR',
          'FR',
          undefined,
          '2',
        ),
      ],
    );
    const activity = await cardActivity(engine(), { cardId: "O'Hara", at: '2025-03-30T23:00:00.000Z' });
    expect(activity.total).toBe(2);
    expect(activity.rows[0]).toMatchObject({
      transaction_id: 'e',
      timestamp: '2025-03-30T23:00:00.000Z',
      amount: 50,
    });
    expect(activity.rows[1]!.score).toBeNull();
    const sql = sentSql();
    expect(sql).toContain("dt BETWEEN '2025-02-28' AND '2025-03-31'");
    expect(sql).toContain("card_id = 'O''Hara'");
    expect(sql).toContain(`"timestamp" >= TIMESTAMP '2025-02-28 23:00:00.000'`);
    expect(sql).not.toContain('read_parquet');
  });

  it('reads the terminal history per day', async () => {
    answer(
      [
        { Name: 'day', Type: 'varchar' },
        { Name: 'transactions', Type: 'bigint' },
        { Name: 'labelled', Type: 'bigint' },
        { Name: 'frauds', Type: 'bigint' },
      ],
      [row('2025-03-20', '4', '3', '1'), row('2025-03-29', '2', '2', '0')],
    );
    const history = await terminalHistory(engine(), { terminalId: 'T1', at: '2025-03-30T23:00:00.000Z' });
    expect(history.last30).toEqual({ transactions: 6, frauds: 1, labelled: 5, rate: 0.2 });
    expect(history.last7).toEqual({ transactions: 2, frauds: 0, labelled: 2, rate: 0 });
    expect(sentSql()).toContain("terminal_id = 'T1'");
  });
});
