// The Athena engine against the SDK with aws-sdk-client-mock, on responses shaped like Athena's:
// polling until a final state, failures with their reason, a timeout that stops the query, and
// multi-page results with the header row only on the first page and NULLs/types from the metadata.
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type Row,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

import { athenaCell, athenaColumnType, AthenaEngine, AthenaQueryError } from './athena';
import { dailyMetrics } from './queries';

const athena = mockClient(AthenaClient);
afterEach(() => athena.reset());

const settings = {
  workgroup: 'fraud',
  database: 'fraud_lake',
  outputLocation: 's3://results/athena/',
  pollMs: 1,
  maxPollMs: 4,
};
const engine = () => new AthenaEngine(new AthenaClient({ region: 'eu-west-1' }), settings);

const state = (State: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED', extra = {}) => ({
  QueryExecution: { QueryExecutionId: 'q-1', Status: { State, ...extra } },
});
const row = (...values: (string | undefined)[]): Row => ({
  Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })),
});

const DAILY_COLUMNS: ColumnInfo[] = [
  { Name: 'day', Type: 'varchar' },
  { Name: 'transactions', Type: 'bigint' },
  { Name: 'amount', Type: 'double' },
  { Name: 'flagged', Type: 'bigint' },
  { Name: 'labelled', Type: 'bigint' },
  { Name: 'frauds', Type: 'bigint' },
  { Name: 'fraud_amount', Type: 'double' },
  { Name: 'flagged_frauds', Type: 'bigint' },
];
const header = row(...DAILY_COLUMNS.map((c) => c.Name));

describe('AthenaEngine', () => {
  it('starts in the workgroup, polls until SUCCEEDED and pages through results', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(state('QUEUED'))
      .resolvesOnce(state('RUNNING'))
      .resolvesOnce(state('RUNNING'))
      .resolves(state('SUCCEEDED'));
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: undefined })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: DAILY_COLUMNS },
          Rows: [header, row('2024-05-01', '4', '100.0', '2', '3', '1', '20.0', '1')],
        },
        NextToken: 'page-2',
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: 'page-2' })
      .resolves({
        // Later pages carry no header row.
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: DAILY_COLUMNS },
          Rows: [row('2024-05-02', '3', '120.5', '1', '3', '2', '105.0', '1')],
        },
      });

    const days = await dailyMetrics(engine(), { from: '2024-05-01', to: '2024-05-02', threshold: 0.1 });
    expect(days).toEqual([
      {
        day: '2024-05-01',
        transactions: 4,
        amount: 100,
        flagged: 2,
        labelled: 3,
        frauds: 1,
        fraudAmount: 20,
        flaggedFrauds: 1,
      },
      {
        day: '2024-05-02',
        transactions: 3,
        amount: 120.5,
        flagged: 1,
        labelled: 3,
        frauds: 2,
        fraudAmount: 105,
        flaggedFrauds: 1,
      },
    ]);

    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start.WorkGroup).toBe('fraud');
    expect(start.ResultConfiguration?.OutputLocation).toBe('s3://results/athena/');
    expect(start.QueryExecutionContext?.Database).toBe('fraud_lake');
    // The same portable SQL, reading the Glue table and only the partitions asked for.
    expect(start.QueryString).toContain('FROM "fraud_lake"."transactions"');
    expect(start.QueryString).toContain("dt BETWEEN '2024-05-01' AND '2024-05-02'");
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(4);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
  });

  it('maps NULLs and types from the column metadata', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: {
          ColumnInfo: [
            { Name: 'n', Type: 'bigint' },
            { Name: 'ok', Type: 'boolean' },
            { Name: 'at', Type: 'timestamp' },
            { Name: 'name', Type: 'varchar' },
            { Name: 'd', Type: 'decimal(10,2)' },
          ],
        },
        Rows: [
          row('n', 'ok', 'at', 'name', 'd'),
          row('7', 'true', '2024-05-01 12:30:00.000', undefined, '3.25'),
          row(undefined, 'false', undefined, '', undefined),
        ],
      },
    });
    const result = await engine().run('SELECT 1');
    expect(result.columns.map((c) => c.type)).toEqual(['number', 'boolean', 'timestamp', 'string', 'number']);
    expect(result.rows).toEqual([
      { n: 7, ok: true, at: '2024-05-01T12:30:00.000Z', name: null, d: 3.25 },
      { n: null, ok: false, at: null, name: '', d: null },
    ]);
  });

  it('returns an empty result when the query matches nothing (header row only)', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolves(state('SUCCEEDED'));
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: DAILY_COLUMNS }, Rows: [header] },
    });
    expect(await dailyMetrics(engine(), { from: '2023-01-01', to: '2023-01-02', threshold: 0.5 })).toEqual(
      [],
    );
  });

  it('surfaces the failure reason of a FAILED query', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(state('RUNNING'))
      .resolves(
        state('FAILED', {
          StateChangeReason: 'SYNTAX_ERROR',
          AthenaError: { ErrorMessage: "line 1:8: Column 'scor' cannot be resolved" },
        }),
      );
    const error = await engine()
      .run('SELECT scor')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AthenaQueryError);
    expect((error as AthenaQueryError).state).toBe('FAILED');
    expect((error as Error).message).toContain("Column 'scor' cannot be resolved");
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('reports a CANCELLED query', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolves(state('CANCELLED', { StateChangeReason: 'Query was cancelled by user' }));
    await expect(engine().run('SELECT 1')).rejects.toThrow(/cancelled: Query was cancelled by user/);
  });

  it('stops a query that outlives the timeout and says so', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolves(state('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const slow = new AthenaEngine(new AthenaClient({ region: 'eu-west-1' }), { ...settings, timeoutMs: 30 });
    const started = Date.now();
    await expect(slow.run('SELECT 1')).rejects.toThrow(/timed out: still RUNNING after 30 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
  });

  it('backs off between polls, doubling up to the cap', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    const times: number[] = [];
    let polls = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      times.push(performance.now());
      return ++polls < 6 ? state('RUNNING') : state('SUCCEEDED');
    });
    athena
      .on(GetQueryResultsCommand)
      .resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    await new AthenaEngine(new AthenaClient({ region: 'eu-west-1' }), {
      ...settings,
      pollMs: 10,
      maxPollMs: 40,
    }).run('SELECT 1');
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 10, 20, 40, 40, 40 ms: timers may fire a little late, never (beyond rounding) early.
    const expected = [10, 20, 40, 40, 40];
    expect(gaps).toHaveLength(expected.length);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(expected[i]! - 2));
    expect(Math.max(...gaps)).toBeLessThan(400);
  });
});

describe('athena value mapping', () => {
  it('knows the column types Athena reports', () => {
    expect(['bigint', 'integer', 'double', 'real', 'decimal(12,2)'].map(athenaColumnType)).toEqual(
      Array(5).fill('number'),
    );
    expect(athenaColumnType('varchar')).toBe('string');
    expect(athenaColumnType('timestamp(3)')).toBe('timestamp');
    expect(athenaColumnType('array(varchar)')).toBe('other');
  });

  it('parses special doubles and refuses garbage in numeric columns', () => {
    expect(athenaCell('NaN', 'number')).toBeNaN();
    expect(athenaCell('-Infinity', 'number')).toBe(-Infinity);
    expect(() => athenaCell('abc', 'number')).toThrow(/numeric column/);
  });
});
