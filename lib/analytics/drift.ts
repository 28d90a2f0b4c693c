// Drift of the score and the model's inputs between two windows of the lake, as population stability
// indexes (psi.ts). Two queries in the portable subset: quantile bin edges of every column over the
// reference window (approximate quantiles: the one function spelled differently per engine, through
// DIALECT_FUNCTIONS), then, in one pass over both windows, how many rows of each window fall below
// each edge. The edges travel back into the second query as DOUBLE literals. Above `maxRows` rows a
// query reads a Bernoulli row sample (the dialect's TABLESAMPLE): deciles and bin shares from half a
// million rows are as good as from ten million, and the aggregates, not the scan, were most of the cost.
import { FEATURES } from '@/lib/features/definitions';

import { binCounts, binEdges, psiFromCounts } from './psi';
import { inRange, num, type DayRange } from './queries';
import { dayLiteral, identifier, numberLiteral } from './sql';
import { AnalyticsError, DIALECT_FUNCTIONS, type AnalyticsEngine, type RunOptions } from './types';

/** Columns drift can be measured on: the score and every feature the lake may hold. */
export const DRIFT_COLUMNS: readonly string[] = ['score', 'amount', ...FEATURES.map((f) => f.name)];

export interface DriftWindows {
  reference: DayRange;
  recent: DayRange;
}

export interface PsiParams extends DriftWindows {
  columns: readonly string[];
  /** Quantile bins fixed on the reference window (default 10: deciles). */
  bins?: number;
  /** Rows each window holds (from lakeDays); without it nothing is sampled. */
  rows?: { reference: number; recent: number };
  /** Rows a query aggregates at most before it samples (default 200,000). */
  maxRows?: number;
}

/** The sample percentage that brings `rows` down to about `maxRows` (100 = every row). */
export const samplePercent = (rows: number | undefined, maxRows: number): number =>
  rows === undefined || rows <= maxRows ? 100 : Math.max(0.01, (100 * maxRows) / rows);

export interface ColumnDrift {
  column: string;
  /** null when a window has no non-missing value of the column. */
  psi: number | null;
  /** Distinct bin edges; bins are (−∞, e0), [e0, e1), …, [e_last, ∞), then missing values. */
  edges: number[];
  /** Rows per bin in each window, in that order (the last bin counts NULLs); sampled rows when sampled. */
  reference: number[];
  recent: number[];
  /** Percentage of rows the edges and the counts were computed from (100: all). */
  edgesSample: number;
  countsSample: number;
}

function checkWindows(w: DriftWindows): void {
  for (const r of [w.reference, w.recent]) {
    dayLiteral(r.from);
    dayLiteral(r.to);
    if (r.from > r.to) throw new AnalyticsError(`empty window ${r.from} … ${r.to}`);
  }
  // Each row must belong to one window, or it would be counted in both.
  if (w.reference.from <= w.recent.to && w.recent.from <= w.reference.to)
    throw new AnalyticsError('the reference and recent windows overlap');
}

/**
 * The rows of the days `where` selects, with `columns`, as a FROM item; optionally a Bernoulli sample
 * of them. The sample applies to the filtered subquery: on the table itself it would stop DuckDB from
 * pruning the day partitions (measured: every day read).
 */
function windowRows(
  engine: AnalyticsEngine,
  columns: readonly string[],
  where: string,
  samplePercent: number | undefined,
): string {
  const source = `(SELECT dt, ${[...new Set(columns)].join(', ')} FROM ${engine.dialect.transactions} WHERE ${where}) w`;
  return samplePercent !== undefined && samplePercent < 100
    ? `${source} ${DIALECT_FUNCTIONS[engine.dialect.name].sample(samplePercent)}`
    : source;
}

/** Deciles (or `bins`-iles) of each column over the reference window, as distinct bin edges. */
export async function referenceEdges(
  engine: AnalyticsEngine,
  params: { reference: DayRange; columns: readonly string[]; bins?: number; samplePercent?: number },
  options?: RunOptions,
): Promise<number[][]> {
  const columns = params.columns.map((c) => identifier(c, DRIFT_COLUMNS));
  const bins = Math.max(2, Math.min(50, Math.trunc(params.bins ?? 10)));
  const fractions = Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
  const quantiles = DIALECT_FUNCTIONS[engine.dialect.name].approxQuantiles;
  const inner = columns.map((c, i) => `${quantiles(`CAST(${c} AS DOUBLE)`, fractions)} AS q${i}`);
  const outer = columns.flatMap((_, i) =>
    fractions.map((_f, k) => `CAST(q${i}[${k + 1}] AS DOUBLE) AS q${i}_${k}`),
  );
  const { rows } = await engine.run(
    `SELECT ${outer.join(', ')}
     FROM (
       SELECT ${inner.join(', ')}
       FROM ${windowRows(engine, columns, inRange(params.reference), params.samplePercent)}
     ) s`,
    options,
  );
  const row = rows[0] ?? {};
  return columns.map((_, i) =>
    binEdges(
      fractions.map((_f, k) =>
        row[`q${i}_${k}`] === undefined ? null : (row[`q${i}_${k}`] as number | null),
      ),
    ),
  );
}

/** Rows of each window per bin of each column, for edges fixed beforehand. */
export async function windowBinCounts(
  engine: AnalyticsEngine,
  params: DriftWindows & {
    columns: readonly string[];
    edges: readonly (readonly number[])[];
    samplePercent?: number;
  },
  options?: RunOptions,
): Promise<{ reference: number[][]; recent: number[][] }> {
  checkWindows(params);
  const columns = params.columns.map((c) => identifier(c, DRIFT_COLUMNS));
  if (params.edges.length !== columns.length) throw new AnalyticsError('one edge list per column');
  const aggregates = columns.flatMap((c, i) => [
    `CAST(count(${c}) AS BIGINT) AS c${i}_present`,
    ...params.edges[i]!.map(
      (edge, k) => `CAST(count_if(${c} < ${numberLiteral(edge)}) AS BIGINT) AS c${i}_below${k}`,
    ),
  ]);
  const { rows } = await engine.run(
    `SELECT
       CASE WHEN ${inRange(params.reference)} THEN 'reference' ELSE 'recent' END AS win,
       CAST(count(*) AS BIGINT) AS n,
       ${aggregates.join(',\n       ')}
     FROM ${windowRows(engine, columns, `(${inRange(params.reference)}) OR (${inRange(params.recent)})`, params.samplePercent)}
     GROUP BY 1`,
    options,
  );
  const countsFor = (win: 'reference' | 'recent'): number[][] => {
    const row = rows.find((r) => r.win === win);
    return columns.map((_, i) => {
      const edges = params.edges[i]!;
      if (!row) return new Array<number>(edges.length + 2).fill(0);
      const present = num(row[`c${i}_present`]);
      return binCounts(
        edges.map((_e, k) => num(row[`c${i}_below${k}`])),
        present,
        num(row.n) - present,
      );
    });
  };
  return { reference: countsFor('reference'), recent: countsFor('recent') };
}

/** PSI of each column, recent window against the reference window's quantile bins. */
export async function populationStability(
  engine: AnalyticsEngine,
  params: PsiParams,
  options?: RunOptions,
): Promise<ColumnDrift[]> {
  checkWindows(params);
  if (params.columns.length === 0) return [];
  const maxRows = params.maxRows ?? 200_000;
  const edgesSample = samplePercent(params.rows?.reference, maxRows);
  const countsSample = samplePercent(
    params.rows ? params.rows.reference + params.rows.recent : undefined,
    maxRows,
  );
  const edges = await referenceEdges(engine, { ...params, samplePercent: edgesSample }, options);
  const counts = await windowBinCounts(engine, { ...params, edges, samplePercent: countsSample }, options);
  return params.columns.map((column, i) => ({
    column,
    psi: psiFromCounts(counts.reference[i]!, counts.recent[i]!),
    edges: edges[i]!,
    reference: counts.reference[i]!,
    recent: counts.recent[i]!,
    edgesSample,
    countsSample,
  }));
}
