// The lake reads behind a transaction page: the card's transactions around it, and its terminal's
// recent volume and labelled fraud per day. Portable SQL through the analytics engine, so the page
// reads the local lake with DuckDB and the S3 lake with Athena alike; the `dt` predicates keep each
// read to the day partitions its window covers.
import { knownEmpty } from './duckdb-engine';
import { labelledDays, type LabelledDay } from './lake-summary';
import { num, str } from './queries';
import { dayLiteral, stringLiteral } from './sql';
import type { AnalyticsEngine } from './types';

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
}

/** One day at a terminal: its rows, labelled rows and labelled frauds. */
export type TerminalDay = LabelledDay;

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
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** A TIMESTAMP literal both engines read (`TIMESTAMP 'YYYY-MM-DD HH:MM:SS.mmm'`, UTC). */
const timestampLiteral = (ms: number): string =>
  `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
const days = (fromMs: number, toMs: number): string =>
  `dt BETWEEN ${dayLiteral(dayOf(fromMs))} AND ${dayLiteral(dayOf(toMs))}`;

/** `2026-11-23 15:13:22` or `…22.500` (a timestamp CAST to VARCHAR, either engine) → ISO-8601 UTC. */
const isoFromSql = (text: string): string => new Date(`${text.replace(' ', 'T')}Z`).toISOString();

/**
 * The card's transactions from `daysBefore` days before `at` to `hoursAfter` hours after it, newest
 * first: what led up to the transaction and whether the card kept being used.
 */
export async function cardActivity(
  engine: AnalyticsEngine,
  params: { cardId: string; at: string; daysBefore?: number; hoursAfter?: number; limit?: number },
): Promise<CardActivity> {
  const t = Date.parse(params.at);
  const fromMs = t - (params.daysBefore ?? 30) * DAY_MS;
  const toMs = t + (params.hoursAfter ?? 24) * 3_600_000;
  const window = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  if (await knownEmpty(engine)) return { rows: [], total: 0, ...window };
  const limit = Math.min(Math.max(params.limit ?? 40, 1), 500);
  const { rows } = await engine.run(`
    SELECT
      transaction_id, CAST("timestamp" AS VARCHAR) AS ts, terminal_id, merchant_name, mcc,
      CAST(amount AS DOUBLE) AS amount, currency, channel, card_country, merchant_country,
      CAST(score AS DOUBLE) AS score,
      CAST(count(*) OVER () AS BIGINT) AS total
    FROM ${engine.dialect.transactions}
    WHERE ${days(fromMs, toMs)}
      AND card_id = ${stringLiteral(params.cardId)}
      AND "timestamp" >= ${timestampLiteral(fromMs)} AND "timestamp" <= ${timestampLiteral(toMs)}
    ORDER BY "timestamp" DESC, transaction_id DESC
    LIMIT ${limit}`);
  return {
    rows: rows.map((r) => ({
      transaction_id: str(r.transaction_id),
      timestamp: isoFromSql(str(r.ts)),
      terminal_id: str(r.terminal_id),
      merchant_name: str(r.merchant_name),
      mcc: str(r.mcc),
      amount: num(r.amount),
      currency: str(r.currency),
      channel: str(r.channel),
      card_country: str(r.card_country),
      merchant_country: str(r.merchant_country),
      score: r.score === null || r.score === undefined ? null : num(r.score),
    })),
    total: rows.length > 0 ? num(rows[0]!.total) : 0,
    ...window,
  };
}

function windowOf(list: readonly TerminalDay[]): TerminalWindow {
  const transactions = list.reduce((n, d) => n + d.transactions, 0);
  const frauds = list.reduce((n, d) => n + d.frauds, 0);
  const labelled = list.reduce((n, d) => n + d.labelled, 0);
  return { transactions, frauds, labelled, rate: labelled > 0 ? frauds / labelled : null };
}

/**
 * The terminal's transactions and labelled frauds per UTC day over the `days` days before `at` (the
 * transaction itself excluded): its recent fraud rate as the lake knows it now.
 */
export async function terminalHistory(
  engine: AnalyticsEngine,
  params: { terminalId: string; at: string; days?: number },
): Promise<TerminalHistory> {
  const t = Date.parse(params.at);
  const span = params.days ?? 30;
  const fromMs = t - span * DAY_MS;
  const counted = new Map<string, TerminalDay>();
  if (!(await knownEmpty(engine))) {
    const where = `${days(fromMs, t)}
      AND terminal_id = ${stringLiteral(params.terminalId)}
      AND "timestamp" >= ${timestampLiteral(fromMs)} AND "timestamp" < ${timestampLiteral(t)}`;
    for (const d of await labelledDays(engine, where)) counted.set(d.day, d);
  }
  const list: TerminalDay[] = [];
  for (let d = Date.parse(`${dayOf(fromMs)}T00:00:00Z`); d <= t; d += DAY_MS) {
    const day = dayOf(d);
    list.push(counted.get(day) ?? { day, transactions: 0, frauds: 0, labelled: 0 });
  }
  const weekStart = dayOf(t - 7 * DAY_MS);
  return {
    days: list,
    last30: windowOf(list),
    // Day granularity: the last seven days and the partial day of the transaction.
    last7: windowOf(list.filter((d) => d.day > weekStart)),
    from: new Date(fromMs).toISOString(),
    to: new Date(t).toISOString(),
  };
}
