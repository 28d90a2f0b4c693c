import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { batchFeatures, FEATURE_SETS } from '@/lib/features';
import { UnreadableFileError } from '@/lib/schema/readers';
import { simulate } from '@/lib/simulator';
import { writeInbox } from '@/lib/simulator/write';

import { buildLake } from './build';
import { withDuckDB } from './duckdb';
import { exportTrainingTable } from './export';
import { transactionsSource } from './transactions-table';

const OPTIONS = {
  profile: 'realistic',
  start: '2024-02-01',
  days: 5,
  customers: 200,
  terminals: 80,
  seed: 3,
} as const;

let dir: string;
let inboxDir: string;
let lakeDir: string;
let quarantineDir: string;

async function query<T>(sql: string): Promise<T[]> {
  return withDuckDB(async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]);
}

/** Every file below the lake with its size and modification-independent content hash. */
async function lakeFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(lakeDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.push(path.relative(lakeDir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lake-test-'));
  inboxDir = path.join(dir, 'inbox');
  lakeDir = path.join(dir, 'lake');
  quarantineDir = path.join(dir, 'quarantine');
  writeInbox(OPTIONS, inboxDir, 'csv');
  // A hand-written file with one good row, one bad row and one duplicate, arriving late on day 3.
  const header =
    'transaction_id,timestamp,card_id,terminal_id,merchant_name,mcc,amount,currency,channel,card_country,merchant_country,is_fraud,fraud_scenario';
  await fs.writeFile(
    path.join(inboxDir, 'transactions-2024-02-03-late.csv'),
    [
      header,
      'late-1,2024-02-03T10:00:00Z,C-late,T-late,Late Shop,5411,12.50,EUR,chip,FR,FR,0,',
      'late-2,2024-02-03T11:00:00Z,C-late,T-late,Late Shop,5411,-3,EUR,chip,FR,FR,0,',
      'late-1,2024-02-03T12:00:00Z,C-late,T-late,Late Shop,5411,1.00,EUR,chip,FR,FR,0,',
      '',
    ].join('\n'),
  );
  await fs.writeFile(path.join(inboxDir, 'README.txt'), 'not a transaction file');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('lake build', () => {
  it('writes day partitions readable by DuckDB with dt as a string, and accounts for every row', async () => {
    const report = await buildLake({ inboxDir, lakeDir, quarantineDir, featureSet: 'realistic' });
    expect(report.files).toHaveLength(OPTIONS.days + 1);
    for (const f of report.files) expect(f.read).toBe(f.accepted + f.quarantined);
    expect(report.quarantined).toBe(2);

    const generated = [...simulate(OPTIONS)].reduce((n, d) => n + d.transactions.length, 0);
    expect(report.accepted).toBe(generated + 1);

    const [summary] = await query<{ n: bigint; days: bigint; dt_type: string; ts_type: string }>(
      `SELECT count(*) AS n, count(DISTINCT dt) AS days, any_value(typeof(dt)) AS dt_type, any_value(typeof("timestamp")) AS ts_type FROM ${transactionsSource(lakeDir)}`,
    );
    expect(Number(summary!.n)).toBe(report.accepted);
    expect(Number(summary!.days)).toBe(OPTIONS.days);
    expect(summary!.dt_type).toBe('VARCHAR');
    expect(summary!.ts_type).toBe('TIMESTAMP');

    const files = await lakeFiles();
    expect(files).toContain('transactions/dt=2024-02-03/part-transactions-2024-02-03-late.parquet');
    expect(files.filter((f) => f.startsWith('transactions/dt=2024-02-01/'))).toEqual([
      'transactions/dt=2024-02-01/part-transactions-2024-02-01.parquet',
    ]);
  });

  it('quarantines bad rows with line, reason and raw text', async () => {
    const lines = (await fs.readFile(path.join(quarantineDir, 'transactions-2024-02-03-late.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ source: 'transactions-2024-02-03-late.csv', line: 3 });
    expect(String(lines[0]!.reason)).toMatch(/amount is negative/);
    expect(String(lines[0]!.raw)).toContain('late-2');
    expect(lines[1]).toMatchObject({ line: 4 });
    expect(String(lines[1]!.reason)).toMatch(/duplicate/i);
  });

  it('stores exactly what the feature function computes, with labels and schema fields', async () => {
    const days = [...simulate(OPTIONS)];
    const firstDay = days[0]!.transactions;
    const { rows, vectors } = batchFeatures(firstDay, 'realistic');
    const names = FEATURE_SETS.realistic;
    const stored = await query<Record<string, unknown>>(
      `SELECT transaction_id, amount, channel, is_fraud, fraud_scenario, feature_set, ${names.map((n) => `"${n}"`).join(', ')}
       FROM ${transactionsSource(lakeDir)} WHERE dt = '2024-02-01' ORDER BY "timestamp", transaction_id`,
    );
    expect(stored).toHaveLength(rows.length);
    stored.forEach((s, i) => {
      expect(s.transaction_id).toBe(rows[i]!.transaction_id);
      expect(s.amount).toBe(rows[i]!.amount);
      expect(s.is_fraud).toBe(rows[i]!.is_fraud);
      expect(s.fraud_scenario ?? undefined).toBe(rows[i]!.fraud_scenario);
      expect(s.feature_set).toBe('realistic');
      expect(names.map((n) => s[n])).toEqual(vectors[i]);
    });
  });

  it('rebuilding from the same inbox leaves the same files with the same rows', async () => {
    const before = await lakeFiles();
    const hash = `SELECT count(*) AS n, sum(hash(transaction_id, "timestamp", amount, customer_id_nb_tx_30day_window, terminal_id_risk_30day_window))::VARCHAR AS h FROM ${transactionsSource(lakeDir)}`;
    const [first] = await query<{ n: bigint; h: string }>(hash);
    await buildLake({ inboxDir, lakeDir, quarantineDir, featureSet: 'realistic' });
    expect(await lakeFiles()).toEqual(before);
    expect((await query<{ n: bigint; h: string }>(hash))[0]).toEqual(first);
  });

  it('refuses an inbox without transaction files', async () => {
    const empty = path.join(dir, 'empty');
    await fs.mkdir(empty);
    await expect(
      buildLake({ inboxDir: empty, lakeDir, quarantineDir, featureSet: 'realistic' }),
    ).rejects.toThrow(/no transaction files/);
  });

  it('stops on a file that cannot be read, with the reader error', async () => {
    const broken = path.join(dir, 'broken');
    await fs.mkdir(broken);
    await fs.writeFile(path.join(broken, 'transactions-2024-02-01.csv'), 'transaction_id,amount\nx,1\n');
    const build = buildLake({
      inboxDir: broken,
      lakeDir: path.join(dir, 'broken-lake'),
      quarantineDir,
      featureSet: 'realistic',
    });
    await expect(build).rejects.toBeInstanceOf(UnreadableFileError);
    await expect(build).rejects.toThrow(
      /transactions-2024-02-01\.csv: the CSV header lacks required columns/,
    );
  });
});

describe('training export', () => {
  it('writes identifiers, labels and one column per feature for the window, in time order', async () => {
    const out = path.join(dir, 'train.parquet');
    const result = await exportTrainingTable({ lakeDir, from: '2024-02-02', to: '2024-02-04', out });
    expect(result.featureSet).toBe('realistic');
    const columns = await query<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM read_parquet('${out}')`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'transaction_id',
      'timestamp',
      'dt',
      'card_id',
      'terminal_id',
      'is_fraud',
      'fraud_scenario',
      'label_source',
      ...FEATURE_SETS.realistic,
    ]);
    expect(columns.find((c) => c.column_name === 'dt')!.column_type).toBe('VARCHAR');
    const [stats] = await query<{ n: bigint; lo: string; hi: string; sorted: boolean }>(
      `SELECT count(*) AS n, min(dt) AS lo, max(dt) AS hi,
              bool_and(coalesce(prev <= "timestamp", true)) AS sorted
       FROM (SELECT dt, "timestamp", lag("timestamp") OVER () AS prev FROM read_parquet('${out}'))`,
    );
    expect(Number(stats!.n)).toBe(result.rows);
    expect([stats!.lo, stats!.hi]).toEqual(['2024-02-02', '2024-02-04']);
    expect(stats!.sorted).toBe(true);
  });

  it('exports a smaller feature set from a larger lake, and explains bad requests', async () => {
    const out = path.join(dir, 'hb.parquet');
    const result = await exportTrainingTable({
      lakeDir,
      from: '2024-02-01',
      to: '2024-02-05',
      out,
      featureSet: 'handbook',
    });
    expect(result.featureNames).toHaveLength(15);
    const columns = await query<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet('${out}')`);
    expect(columns).toHaveLength(8 + 15);
    await expect(exportTrainingTable({ lakeDir, from: '2024-2-1', to: '2024-02-05', out })).rejects.toThrow(
      /YYYY-MM-DD/,
    );
    await expect(exportTrainingTable({ lakeDir, from: '2024-02-05', to: '2024-02-01', out })).rejects.toThrow(
      /after/,
    );
    await expect(exportTrainingTable({ lakeDir, from: '2030-01-01', to: '2030-01-02', out })).rejects.toThrow(
      /no transactions/,
    );
    // handbook_plus has derived terminal features the realistic set does not compute.
    await expect(
      exportTrainingTable({
        lakeDir,
        from: '2024-02-01',
        to: '2024-02-05',
        out,
        featureSet: 'handbook_plus',
      }),
    ).rejects.toThrow(/not available from a lake built with realistic/);
  });

  it('lets analyst labels override the lake labels for the same transactions', async () => {
    const picked = await query<{ transaction_id: string; is_fraud: boolean }>(
      `SELECT transaction_id, is_fraud FROM ${transactionsSource(lakeDir)} WHERE dt = '2024-02-03' ORDER BY transaction_id LIMIT 3`,
    );
    const labelsFile = path.join(dir, 'labels.parquet');
    // Two labels flip the lake's label, one confirms it.
    const values = picked
      .map((p, i) => `('${p.transaction_id}', ${i < 2 ? !p.is_fraud : p.is_fraud})`)
      .join(', ');
    await query(
      `COPY (SELECT * FROM (VALUES ${values}) v(transaction_id, label_is_fraud)) TO '${labelsFile}' (FORMAT parquet)`,
    );
    const out = path.join(dir, 'relabelled.parquet');
    const result = await exportTrainingTable({
      lakeDir,
      from: '2024-02-03',
      to: '2024-02-03',
      out,
      labelsFile,
    });
    expect(result).toMatchObject({ analystLabels: 3, analystOverrides: 2 });
    const rows = await query<{ transaction_id: string; is_fraud: boolean; label_source: string }>(
      `SELECT transaction_id, is_fraud, label_source FROM read_parquet('${out}') WHERE label_source = 'analyst' ORDER BY transaction_id`,
    );
    expect(rows).toEqual(
      picked.map((p, i) => ({
        transaction_id: p.transaction_id,
        is_fraud: i < 2 ? !p.is_fraud : p.is_fraud,
        label_source: 'analyst',
      })),
    );
  });
});
