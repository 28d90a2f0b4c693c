// Number formats for the risk pages, by name: a server component cannot hand a formatter function to a
// client chart, so it passes the name and both sides look the same function up here. Locale fixed
// (en-US) so server HTML and client hydration agree.
import { formatScore } from '@/lib/review/display-format';

const count = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const smallPercent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export type ChartFormat = 'count' | 'amount' | 'percent' | 'rate' | 'psi' | 'hours' | 'phi' | 'score';

export const CHART_FORMATS: Record<ChartFormat, (value: number) => string> = {
  count: (v) => count.format(Math.round(v)),
  /** Sums of amounts in the transactions' own currencies (mostly EUR): compact, without a symbol. */
  amount: (v) => compact.format(v),
  /** Shares that are usually large (precision, recall, catch rate): one decimal. */
  percent: (v) => percent.format(v),
  /** Small rates (fraud rate, flagged rate): two decimals. */
  rate: (v) => smallPercent.format(v),
  /** Three decimals where the thresholds (0.1, 0.2) live, two for large shifts. */
  psi: (v) => v.toFixed(Math.abs(v) >= 1 ? 2 : 3),
  hours: (v) => `${decimal.format(v)} h`,
  /** Mean |φ| in log-odds. */
  phi: (v) => v.toFixed(3),
  score: formatScore,
};

/** A value for a table cell: an em dash for a missing one. */
export const formatCell = (value: number | null | undefined, format: ChartFormat): string =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : CHART_FORMATS[format](value);
