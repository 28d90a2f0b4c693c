// The lake reads behind a transaction page: the card's transactions around it, and its terminal's
// recent volume and labelled fraud per day. Each read opens only the day partitions its window covers
// (listed from the lake's folders and repeated as `dt` predicates), never the whole table.
import 'server-only';

import fs from 'node:fs/promises';
import path from 'node:path';

import type { DuckDBConnection } from '@duckdb/node-api';

import { sqlString, withDuckDB } from './duckdb';
import { partitionDir, tableDir } from './transactions-table';

const DAY_MS = 86_400_000;

export interface CardTransaction {
  transaction_id: string;
  /** ISO-8601 UTC. */
  timestamp: string;
  terminal_id: string;
  merchant_name: string;
  mcc: string;
  amount: number;
  currency: string;
  channel: string;
  card_country: string;
  merchant_country: string;
  /** The model's score when the row was ingested; null for rows written before scoring. */
  score: number | null;
}

export interface CardActivity {
  /** Newest first, at most `limit`. */
  rows: CardTransaction[];
  /** Rows of the card in the whole window (may exceed rows.length). */
  total: number;
  /** The window read, ISO-8601 UTC. */
  from: string;
  to: string;
  partitionsRead: number;
}

export interface TerminalDay {
  day: string;
  transactions: number;
  frauds: number;
  labelled: number;
}

export interface TerminalWindow {
  transactions: number;
  frauds: number;
  labelled: number;
  /** frauds / labelled, null when nothing is labelled. */
  rate: number | null;
}

export interface TerminalHistory {
  /** Every day of the window, oldest first (days without rows count zero). */
  days: TerminalDay[];
  last30: TerminalWindow;
  last7: TerminalWindow;
  from: string;
  to: string;
  partitionsRead: number;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** `2026-11-23T15:13:22.000Z` → `2026-11-23 15:13:22.000`: a TIMESTAMP literal both engines read. */
const sqlTimestamp = (ms: number): string =>
  `CAST(${sqlString(new Date(ms).toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;

/** Day partitions from `fromMs` to `toMs` (inclusive) that hold at least one Parquet file. */
async function partitionsBetween(lakeDir: string, fromMs: number, toMs: number): Promise<string[]> {
  const first = dayOf(fromMs);
  const last = dayOf(toMs);
  let names: string[];
  try {
    names = await fs.readdir(/*turbopackIgnore: true*/ tableDir(lakeDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const days = names
    .filter((n) => /^dt=\d{4}-\d{2}-\d{2}$/.test(n))
    .map((n) => n.slice(3))
    .filter((d) => d >= first && d <= last)
    .sort();
  const withFiles = await Promise.all(
    days.map(async (d) => {
      const files = await fs.readdir(/*turbopackIgnore: true*/ partitionDir(lakeDir, d)).catch(() => []);
      return files.some((f) => f.endsWith('.parquet')) ? d : null;
    }),
  );
  return withFiles.filter((d): d is string => d !== null);
}

/** A table expression over just these partitions (read_parquet fails on a glob matching nothing). */
function source(lakeDir: string, days: readonly string[]): string {
  const globs = days.map((d) => sqlString(path.join(partitionDir(lakeDir, d), '*.parquet'))).join(', ');
  return `read_parquet([${globs}], hive_partitioning = true, hive_types = {'dt': VARCHAR}, union_by_name = true)`;
}

const dtRange = (days: readonly string[]): string =>
  `dt BETWEEN ${sqlString(days[0]!)} AND ${sqlString(days[days.length - 1]!)}`;

/** DuckDB returns BIGINT as bigint and DOUBLE as number. */
function num(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  throw new TypeError(`expected a number from DuckDB, got ${typeof value}`);
}

/** `2026-11-23 15:13:22` or `…22.5` (CAST AS VARCHAR) → ISO-8601 UTC. */
const isoFromSql = (text: string): string => new Date(`${text.replace(' ', 'T')}Z`).toISOString();

/**
 * The card's transactions from `daysBefore` days before `at` to `hoursAfter` hours after it, newest
 * first: what led up to the transaction and whether the card kept being used.
 */
export async function getCardActivity(
  lakeDir: string,
  params: { cardId: string; at: string; daysBefore?: number; hoursAfter?: number; limit?: number },
): Promise<CardActivity> {
  const t = Date.parse(params.at);
  const fromMs = t - (params.daysBefore ?? 30) * DAY_MS;
  const toMs = t + (params.hoursAfter ?? 24) * 3_600_000;
  const window = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  const days = await partitionsBetween(lakeDir, fromMs, toMs);
  if (days.length === 0) return { rows: [], total: 0, ...window, partitionsRead: 0 };
  const limit = Math.min(Math.max(params.limit ?? 40, 1), 500);
  return withDuckDB(async (db: DuckDBConnection) => {
    const reader = await db.runAndReadAll(`
      SELECT
        transaction_id, CAST(timestamp AS VARCHAR) AS ts, terminal_id, merchant_name, mcc,
        amount, currency, channel, card_country, merchant_country, score,
        count(*) OVER () AS total
      FROM ${source(lakeDir, days)}
      WHERE ${dtRange(days)}
        AND card_id = ${sqlString(params.cardId)}
        AND timestamp >= ${sqlTimestamp(fromMs)} AND timestamp <= ${sqlTimestamp(toMs)}
      ORDER BY timestamp DESC, transaction_id DESC
      LIMIT ${limit}`);
    const raw = reader.getRowObjectsJS();
    const rows: CardTransaction[] = raw.map((r) => ({
      transaction_id: String(r.transaction_id),
      timestamp: isoFromSql(String(r.ts)),
      terminal_id: String(r.terminal_id),
      merchant_name: String(r.merchant_name),
      mcc: String(r.mcc),
      amount: num(r.amount),
      currency: String(r.currency),
      channel: String(r.channel),
      card_country: String(r.card_country),
      merchant_country: String(r.merchant_country),
      score: r.score === null || r.score === undefined ? null : num(r.score),
    }));
    return { rows, total: raw.length > 0 ? num(raw[0]!.total) : 0, ...window, partitionsRead: days.length };
  });
}

function windowOf(days: readonly TerminalDay[]): TerminalWindow {
  const transactions = days.reduce((n, d) => n + d.transactions, 0);
  const frauds = days.reduce((n, d) => n + d.frauds, 0);
  const labelled = days.reduce((n, d) => n + d.labelled, 0);
  return { transactions, frauds, labelled, rate: labelled > 0 ? frauds / labelled : null };
}

/**
 * The terminal's transactions and labelled frauds per UTC day over the `days` days before `at` (the
 * transaction itself excluded): its recent fraud rate as the lake knows it now.
 */
export async function getTerminalHistory(
  lakeDir: string,
  params: { terminalId: string; at: string; days?: number },
): Promise<TerminalHistory> {
  const t = Date.parse(params.at);
  const span = params.days ?? 30;
  const fromMs = t - span * DAY_MS;
  const window = { from: new Date(fromMs).toISOString(), to: new Date(t).toISOString() };
  const partitions = await partitionsBetween(lakeDir, fromMs, t);
  const counted = new Map<string, TerminalDay>();
  if (partitions.length > 0) {
    await withDuckDB(async (db) => {
      const reader = await db.runAndReadAll(`
        SELECT
          CAST(dt AS VARCHAR) AS day,
          count(*) AS transactions,
          count(is_fraud) AS labelled,
          sum(CASE WHEN is_fraud THEN 1 ELSE 0 END) AS frauds
        FROM ${source(lakeDir, partitions)}
        WHERE ${dtRange(partitions)}
          AND terminal_id = ${sqlString(params.terminalId)}
          AND timestamp >= ${sqlTimestamp(fromMs)} AND timestamp < ${sqlTimestamp(t)}
        GROUP BY CAST(dt AS VARCHAR)`);
      for (const r of reader.getRowObjectsJS()) {
        const day = String(r.day);
        counted.set(day, {
          day,
          transactions: num(r.transactions),
          labelled: num(r.labelled),
          frauds: num(r.frauds),
        });
      }
    });
  }
  const days: TerminalDay[] = [];
  for (let d = Date.parse(`${dayOf(fromMs)}T00:00:00Z`); d <= t; d += DAY_MS) {
    const day = dayOf(d);
    days.push(counted.get(day) ?? { day, transactions: 0, frauds: 0, labelled: 0 });
  }
  const weekStart = dayOf(t - 7 * DAY_MS);
  return {
    days,
    last30: windowOf(days),
    // Day granularity: the last seven days and the partial day of the transaction.
    last7: windowOf(days.filter((d) => d.day > weekStart)),
    from: window.from,
    to: window.to,
    partitionsRead: partitions.length,
  };
}
