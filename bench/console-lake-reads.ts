// The transaction page's two lake reads (the card's history and the terminal's fraud rate), timed
// in-process for some review items, through the DuckDB analytics engine as the console reads them:
// where that page's time goes as the lake grows. Run by console.bench.ts in its own process.
// Usage: node --conditions react-server --import tsx bench/console-lake-reads.ts LAKE_DIR ID…; prints
// one JSON line.
import { DuckDBEngine } from '@/lib/analytics/duckdb-engine';
import { cardActivity, terminalHistory } from '@/lib/analytics/entity-history';
import { sqlString, withDuckDB } from '@/lib/lake/duckdb';
import { transactionsSource } from '@/lib/lake/transactions-table';

export interface LakeReadTimes {
  items: number;
  card: { p50Ms: number; cpuMs: number };
  terminal: { p50Ms: number; cpuMs: number };
}

const [lakeDir, ...ids] = process.argv.slice(2);
if (!lakeDir || ids.length === 0) throw new Error('usage: console-lake-reads.ts LAKE_DIR ID…');

const rows = await withDuckDB(async (db) =>
  (
    await db.runAndReadAll(`
      SELECT card_id, terminal_id, CAST("timestamp" AS VARCHAR) AS ts
      FROM ${transactionsSource(lakeDir)}
      WHERE transaction_id IN (${ids.map(sqlString).join(', ')})`)
  )
    .getRowObjectsJS()
    .map((r) => ({
      card: String(r.card_id),
      terminal: String(r.terminal_id),
      at: new Date(`${String(r.ts).replace(' ', 'T')}Z`).toISOString(),
    })),
);

/** Median wall time and mean process CPU (this process and DuckDB's threads) per call. */
async function time(fn: (row: (typeof rows)[number]) => Promise<unknown>) {
  await fn(rows[0]!);
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const row of rows) {
    const t0 = performance.now();
    await fn(row);
    walls.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  walls.sort((a, b) => a - b);
  return { p50Ms: walls[Math.floor(walls.length / 2)]!, cpuMs: (cpu.user + cpu.system) / 1000 / rows.length };
}

const engine = new DuckDBEngine(lakeDir);
const result: LakeReadTimes = {
  items: rows.length,
  card: await time((r) => cardActivity(engine, { cardId: r.card, at: r.at })),
  terminal: await time((r) => terminalHistory(engine, { terminalId: r.terminal, at: r.at })),
};
await engine.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
