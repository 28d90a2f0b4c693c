// Writes a simulation into an inbox folder, one file per UTC day (CSV or NDJSON), and reports
// progress and totals. Files appear atomically (written under a dot-name, then renamed) so a
// watcher never reads half a day.
import fs from 'node:fs';
import path from 'node:path';

import type { Transaction } from '@/lib/schema/transaction';

import { CSV_HEADER, CsvEncoder, csvRow } from './csv';
import { simulate } from './index';
import type { SimulateOptions } from './options';

export const INBOX_FORMATS = ['csv', 'ndjson'] as const;
export type InboxFormat = (typeof INBOX_FORMATS)[number];

export const inboxFileName = (day: string, format: InboxFormat): string => `transactions-${day}.${format}`;

/** One JSON object in `TRANSACTION_FIELDS` order; absent label fields are left out. */
export function ndjsonRow(tx: Transaction): string {
  return JSON.stringify({
    transaction_id: tx.transaction_id,
    timestamp: tx.timestamp,
    card_id: tx.card_id,
    terminal_id: tx.terminal_id,
    merchant_name: tx.merchant_name,
    mcc: tx.mcc,
    amount: tx.amount,
    currency: tx.currency,
    channel: tx.channel,
    card_country: tx.card_country,
    merchant_country: tx.merchant_country,
    is_fraud: tx.is_fraud,
    fraud_scenario: tx.fraud_scenario,
  });
}

/** A whole day's file content as text, newline-terminated (the writer uses the faster `encodeDay`). */
export function formatDay(transactions: readonly Transaction[], format: InboxFormat): string {
  const row = format === 'csv' ? csvRow : ndjsonRow;
  const header = format === 'csv' ? 1 : 0;
  // One join flattens the text once; appending row by row builds a deep rope that is slow to write.
  const lines = new Array<string>(transactions.length + header + 1);
  if (header) lines[0] = CSV_HEADER;
  for (let i = 0; i < transactions.length; i++) lines[i + header] = row(transactions[i]!);
  lines[lines.length - 1] = '';
  return lines.join('\n');
}

/** A whole day's file content as UTF-8 bytes; identical to `formatDay`'s text. */
export function encodeDay(
  transactions: readonly Transaction[],
  format: InboxFormat,
  encoder = new CsvEncoder(),
): Uint8Array {
  return format === 'csv' ? encoder.encode(transactions) : Buffer.from(formatDay(transactions, 'ndjson'));
}

export interface SimulationProgress {
  /** 1-based index of the day just written. */
  dayNumber: number;
  days: number;
  day: string;
  transactions: number;
  elapsedMs: number;
}

export interface SimulationSummary {
  days: number;
  transactions: number;
  frauds: number;
  /** frauds / transactions (0 when there are none). */
  fraudRate: number;
  perScenario: Record<string, number>;
  bytes: number;
  files: string[];
  elapsedMs: number;
  transactionsPerSecond: number;
}

/** Tallies a batch into running totals (shared by the writer and in-memory callers). */
export function tally(
  summary: Pick<SimulationSummary, 'transactions' | 'frauds' | 'perScenario'>,
  batch: readonly Transaction[],
): void {
  summary.transactions += batch.length;
  for (const tx of batch) {
    if (!tx.is_fraud) continue;
    summary.frauds++;
    const name = tx.fraud_scenario ?? 'unknown';
    summary.perScenario[name] = (summary.perScenario[name] ?? 0) + 1;
  }
}

/**
 * Simulates `options` and writes `dir/transactions-YYYY-MM-DD.<format>` per day (existing files of
 * the same name are replaced, others are left alone). Synchronous: generation is CPU-bound and one
 * day's file is a few MB.
 */
export function writeInbox(
  options: SimulateOptions,
  dir: string,
  format: InboxFormat = 'csv',
  onProgress?: (p: SimulationProgress) => void,
): SimulationSummary {
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const summary: SimulationSummary = {
    days: 0,
    transactions: 0,
    frauds: 0,
    fraudRate: 0,
    perScenario: {},
    bytes: 0,
    files: [],
    elapsedMs: 0,
    transactionsPerSecond: 0,
  };
  const encoder = new CsvEncoder();
  for (const { day, transactions } of simulate(options)) {
    const name = inboxFileName(day, format);
    const finalPath = path.join(dir, name);
    const partialPath = path.join(dir, `.${name}.partial`);
    const content = encodeDay(transactions, format, encoder);
    fs.writeFileSync(partialPath, content);
    fs.renameSync(partialPath, finalPath);
    summary.days++;
    summary.bytes += content.length;
    summary.files.push(finalPath);
    tally(summary, transactions);
    onProgress?.({
      dayNumber: summary.days,
      days: options.days,
      day,
      transactions: summary.transactions,
      elapsedMs: performance.now() - started,
    });
  }
  summary.elapsedMs = performance.now() - started;
  summary.fraudRate = summary.transactions > 0 ? summary.frauds / summary.transactions : 0;
  summary.transactionsPerSecond =
    summary.elapsedMs > 0 ? (summary.transactions / summary.elapsedMs) * 1000 : 0;
  return summary;
}
