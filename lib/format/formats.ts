// Every number, amount and calendar day the console shows, in one locale: `formatsFor(locale)` gives
// the functions (built once per locale and reused; building an Intl formatter costs far more than using
// one). Server components get them with requestFormats(), client components with useFormats(); both
// sides use the locale the server negotiated, so hydration never sees different text. Times of day are
// written by <LocalTime> (components/app-shell), which also needs the viewer's time zone.

/** The named number formats a server component can hand to a client chart (functions cannot cross). */
export type ChartFormat = 'count' | 'amount' | 'percent' | 'rate' | 'psi' | 'hours' | 'phi' | 'score';

export interface Formats {
  locale: string;
  /** `1234` → `1,234`. */
  formatCount(value: number): string;
  /** One decimal at most: `1.25` → `1.3`, `2` → `2`. */
  formatDecimal(value: number): string;
  /** A raw model input: integers as they are, fractions to four significant digits (`0.01321`). */
  formatInputValue(value: number): string;
  /** `0.0123` → `1.2%`. */
  formatPercent(value: number): string;
  /** Small rates with two decimals, `0.01234` → `1.23%`; null (nothing to divide) → an em dash. */
  formatRate(value: number | null): string;
  /** A ratio as `6.3×`; small ratios keep two decimals so `0.01×` does not read as zero. */
  formatRatio(value: number): string;
  /** An amount in its currency (`€1,234.50`); without a currency, a plain two-decimal number. */
  formatMoney(amount: number, currency?: string): string;
  /** A span of hours in the unit a person would use: `45 min`, `5.2 h`, `3.1 days`. */
  formatHours(hours: number): string;
  /** `n` and a noun, pluralised the simple English way: `1 transaction`, `7 transactions`. */
  plural(n: number, noun: string, many?: string): string;
  /** Log-odds, signed, two decimals: `+0.48`, `−1.20` (a true minus sign). */
  formatLogOdds(value: number): string;
  /** A probability score as a percentage, precise near 0 (`3.6%`, `0.42%`, `99.3%`). */
  formatScore(value: number): string;
  /** A UTC calendar day (`2024-05-01`) short, `May 1`, and long, `May 1, 2024`. */
  formatShortDay(day: string): string;
  formatLongDay(day: string): string;
  /** The chart formats by name. */
  chart: Readonly<Record<ChartFormat, (value: number) => string>>;
  /** A value for a table cell in a chart format: an em dash for a missing one. */
  formatCell(value: number | null | undefined, format: ChartFormat): string;
}

const cache = new Map<string, Formats>();
/** Locales kept; past it a locale's formats are built per call (a bound, not an expected case). */
const MAX_LOCALES = 64;

export function formatsFor(locale: string): Formats {
  let formats = cache.get(locale);
  if (!formats) {
    formats = build(locale);
    if (cache.size < MAX_LOCALES) cache.set(locale, formats);
  }
  return formats;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** `FR` → `France` (in English, the interface's language); unknown codes come back as they are. */
export const countryName = (code: string): string => regions.of(code) ?? code;

function build(locale: string): Formats {
  const number = (options: Intl.NumberFormatOptions = {}) => new Intl.NumberFormat(locale, options);
  const count = number();
  const oneDecimal = number({ maximumFractionDigits: 1 });
  const twoDecimals = number({ maximumFractionDigits: 2 });
  const inputFraction = number({ maximumFractionDigits: 6 });
  const fixed = (digits: number) => number({ minimumFractionDigits: digits, maximumFractionDigits: digits });
  const fixed2 = fixed(2);
  const fixed3 = fixed(3);
  const percent = number({ style: 'percent', maximumFractionDigits: 1 });
  const percentFixed = (digits: number) =>
    number({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const rate = percentFixed(2);
  const score1 = percentFixed(1);
  const smallRate = number({ style: 'percent', maximumFractionDigits: 2 });
  const compact = number({ notation: 'compact', maximumFractionDigits: 1 });
  const day = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  const shortDay = day({ month: 'short', day: 'numeric' });
  const longDay = day({ month: 'short', day: 'numeric', year: 'numeric' });
  const moneyFormats = new Map<string, Intl.NumberFormat | null>();

  const formatCount = (value: number) => count.format(value);
  const formatDecimal = (value: number) => oneDecimal.format(value);
  const formatScore = (value: number) => (value > 0 && value < 0.01 ? rate : score1).format(value);
  const formatHours = (hours: number): string => {
    if (hours < 1) {
      const minutes = hours * 60;
      return minutes < 1 ? `${Math.round(minutes * 60)} s` : `${formatDecimal(minutes)} min`;
    }
    if (hours < 48) return `${formatDecimal(hours)} h`;
    return `${formatDecimal(hours / 24)} days`;
  };
  const moneyFormat = (currency: string): Intl.NumberFormat | null => {
    if (!moneyFormats.has(currency)) {
      try {
        moneyFormats.set(currency, number({ style: 'currency', currency }));
      } catch {
        // A code Intl does not know (it checks the shape, not the list): shown as the code itself.
        moneyFormats.set(currency, null);
      }
    }
    return moneyFormats.get(currency) ?? null;
  };
  const chart: Formats['chart'] = {
    count: (v) => count.format(Math.round(v)),
    /** Sums of amounts in the transactions' own currencies (mostly EUR): compact, without a symbol. */
    amount: (v) => compact.format(v),
    /** Shares that are usually large (precision, recall, catch rate): one decimal. */
    percent: (v) => percent.format(v),
    /** Small rates (fraud rate, flagged rate): two decimals. */
    rate: (v) => smallRate.format(v),
    /** Three decimals where the thresholds (0.1, 0.2) live, two for large shifts. */
    psi: (v) => (Math.abs(v) >= 1 ? fixed2 : fixed3).format(v),
    hours: (v) => `${formatDecimal(v)} h`,
    /** Mean |φ| in log-odds. */
    phi: (v) => fixed3.format(v),
    score: formatScore,
  };

  return {
    locale,
    formatCount,
    formatDecimal,
    formatInputValue: (value) =>
      Number.isInteger(value) ? count.format(value) : inputFraction.format(Number(value.toPrecision(4))),
    formatPercent: (value) => percent.format(value),
    formatRate: (value) => (value === null ? '—' : rate.format(value)),
    formatRatio: (value) =>
      `${value >= 10 ? count.format(Math.round(value)) : value >= 1 ? oneDecimal.format(value) : twoDecimals.format(value)}×`,
    formatMoney: (amount, currency) => {
      const format = currency ? moneyFormat(currency) : null;
      if (format) return format.format(amount);
      const plain = fixed2.format(amount);
      return currency ? `${plain} ${currency}` : plain;
    },
    formatHours,
    plural: (n, noun, many = `${noun}s`) =>
      `${Number.isInteger(n) ? formatCount(n) : formatDecimal(n)} ${n === 1 ? noun : many}`,
    formatLogOdds: (value) => {
      const abs = fixed2.format(Math.abs(value));
      if (fixed2.format(0) === abs) return abs;
      return value > 0 ? `+${abs}` : `−${abs}`;
    },
    formatScore,
    formatShortDay: (d) => shortDay.format(dayToDate(d)),
    formatLongDay: (d) => longDay.format(dayToDate(d)),
    chart,
    formatCell: (value, format) =>
      value === null || value === undefined || Number.isNaN(value) ? '—' : chart[format](value),
  };
}

const dayToDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
