// The AWS analytics engine: Athena (Trino) over the S3 lake. Starts a query in the configured
// workgroup, polls its state with capped exponential backoff until it finishes (or the timeout stops
// it), then pages through GetQueryResults — the header row only on the first page — mapping every
// value from its column's declared type (an absent VarCharValue is SQL NULL).
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type GetQueryResultsCommandOutput,
} from '@aws-sdk/client-athena';

import {
  AnalyticsError,
  type AnalyticsEngine,
  type Cell,
  type Column,
  type ColumnType,
  type Dialect,
  type ResultSet,
  type RunOptions,
} from './types';

export interface AthenaSettings {
  workgroup: string;
  /** s3://bucket/prefix/ for query results (optional when the workgroup enforces its own). */
  outputLocation?: string;
  database: string;
  catalog?: string;
  /** Name of the lake's transactions table in `database`. */
  table?: string;
  /** Give up (and stop the query) after this long; default 60 s. */
  timeoutMs?: number;
  /** First poll delay; doubles up to maxPollMs. Defaults 200 ms and 2 s. */
  pollMs?: number;
  maxPollMs?: number;
  /** Rows per GetQueryResults page (max 1000). */
  pageSize?: number;
}

export class AthenaQueryError extends AnalyticsError {
  override readonly name = 'AthenaQueryError';
  constructor(
    readonly queryExecutionId: string,
    readonly state: 'FAILED' | 'CANCELLED' | 'TIMEOUT',
    reason: string,
  ) {
    super(
      `Athena query ${queryExecutionId} ${state === 'TIMEOUT' ? 'timed out' : state.toLowerCase()}: ${reason}`,
    );
  }
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export const trinoDialect = (settings: Pick<AthenaSettings, 'database' | 'table'>): Dialect => ({
  name: 'trino',
  transactions: `${quoteIdent(settings.database)}.${quoteIdent(settings.table ?? 'transactions')}`,
});

const NUMERIC = new Set([
  'tinyint',
  'smallint',
  'integer',
  'int',
  'bigint',
  'double',
  'float',
  'real',
  'decimal',
]);

export function athenaColumnType(type: string | undefined): ColumnType {
  const t = (type ?? '').toLowerCase().replace(/\(.*$/, '');
  if (NUMERIC.has(t)) return 'number';
  if (t === 'varchar' || t === 'char' || t === 'string') return 'string';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  if (t.startsWith('timestamp')) return 'timestamp';
  return 'other';
}

/** A value from Athena's text form, typed by its column. */
export function athenaCell(text: string | undefined, type: ColumnType): Cell {
  if (text === undefined) return null;
  switch (type) {
    case 'number': {
      if (text === 'NaN') return Number.NaN;
      if (text === 'Infinity') return Number.POSITIVE_INFINITY;
      if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
      const n = Number(text);
      if (Number.isNaN(n))
        throw new AnalyticsError(`Athena returned ${JSON.stringify(text)} for a numeric column`);
      return n;
    }
    case 'boolean':
      return text === 'true';
    case 'timestamp':
      // Athena prints `2024-05-01 12:00:00.000` (UTC for our data): make it ISO-8601.
      return /^\d{4}-\d{2}-\d{2} \d/.test(text)
        ? `${text.replace(' ', 'T')}${text.includes('.') ? '' : '.000'}Z`
        : text;
    default:
      return text;
  }
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export class AthenaEngine implements AnalyticsEngine {
  readonly dialect: Dialect;

  constructor(
    private readonly client: AthenaClient,
    private readonly settings: AthenaSettings,
  ) {
    this.dialect = trinoDialect(settings);
  }

  async run(sql: string, options: RunOptions = {}): Promise<ResultSet> {
    const id = await this.start(sql, options.signal);
    await this.waitFor(id, options.signal);
    return this.results(id, options.signal);
  }

  private async start(sql: string, signal?: AbortSignal): Promise<string> {
    const s = this.settings;
    const out = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: s.workgroup,
        QueryExecutionContext: { Database: s.database, ...(s.catalog ? { Catalog: s.catalog } : {}) },
        ...(s.outputLocation ? { ResultConfiguration: { OutputLocation: s.outputLocation } } : {}),
      }),
      { abortSignal: signal },
    );
    if (!out.QueryExecutionId) throw new AnalyticsError('Athena did not return a query execution id');
    return out.QueryExecutionId;
  }

  private async waitFor(id: string, signal?: AbortSignal): Promise<void> {
    const timeoutMs = this.settings.timeoutMs ?? 60_000;
    const maxPoll = this.settings.maxPollMs ?? 2_000;
    const deadline = Date.now() + timeoutMs;
    let delay = this.settings.pollMs ?? 200;
    for (;;) {
      const out = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), {
        abortSignal: signal,
      });
      const status = out.QueryExecution?.Status;
      const state = status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason =
          status?.AthenaError?.ErrorMessage ?? status?.StateChangeReason ?? 'no reason given by Athena';
        throw new AthenaQueryError(id, state, reason);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        // Stop it so an abandoned query does not keep scanning (and billing) in the background.
        await this.client
          .send(new StopQueryExecutionCommand({ QueryExecutionId: id }))
          .catch(() => undefined);
        throw new AthenaQueryError(id, 'TIMEOUT', `still ${state ?? 'pending'} after ${timeoutMs} ms`);
      }
      await sleep(Math.min(delay, left), signal);
      delay = Math.min(delay * 2, maxPoll);
    }
  }

  private async results(id: string, signal?: AbortSignal): Promise<ResultSet> {
    let columns: Column[] | null = null;
    const rows: Record<string, Cell>[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page: GetQueryResultsCommandOutput = await this.client.send(
        new GetQueryResultsCommand({
          QueryExecutionId: id,
          MaxResults: this.settings.pageSize ?? 1000,
          ...(token ? { NextToken: token } : {}),
        }),
        { abortSignal: signal },
      );
      columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c: ColumnInfo) => ({
        name: c.Label ?? c.Name ?? '',
        type: athenaColumnType(c.Type),
      }));
      const data = page.ResultSet?.Rows ?? [];
      // For a SELECT, the first row of the first page repeats the column names.
      for (let r = first ? 1 : 0; r < data.length; r++) {
        const values = data[r]?.Data ?? [];
        const row: Record<string, Cell> = {};
        columns.forEach((c, i) => {
          row[c.name] = athenaCell(values[i]?.VarCharValue, c.type);
        });
        rows.push(row);
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return { columns: columns ?? [], rows };
  }
}
