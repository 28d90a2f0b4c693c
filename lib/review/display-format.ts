// Number, money, country and duration formatting for the review pages and the feature phrases. The
// locale is fixed (en-US) so the server render and the client hydration produce identical text; times
// of day are formatted elsewhere (the viewer's zone is only known in the browser).
const counts = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const moneyFormats = new Map<string, Intl.NumberFormat>();
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** `1234` → `1,234`. */
export const formatCount = (value: number): string => counts.format(value);

/** One decimal at most: `1.25` → `1.3`, `2` → `2`. */
export const formatDecimal = (value: number): string => oneDecimal.format(value);

/** A raw model input: integers as they are, fractions to four significant digits (`0.01321`). */
export const formatInputValue = (value: number): string =>
  Number.isInteger(value)
    ? counts.format(value)
    : Number(value.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/** `0.0123` → `1.2%`. */
export const formatPercent = (value: number): string => percent.format(value);

/** A ratio as "6.3×"; small ratios keep two decimals so "0.01×" does not read as zero. */
export const formatRatio = (value: number): string =>
  `${value >= 10 ? formatCount(Math.round(value)) : value >= 1 ? oneDecimal.format(value) : twoDecimals.format(value)}×`;

/** An amount in its currency (`€1,234.50`); without a currency, a plain two-decimal number. */
export function formatMoney(amount: number, currency?: string): string {
  if (!currency)
    return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      // A code Intl does not know (it validates the shape, not the list): show the code itself.
      return `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
    }
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** `FR` → `France`; unknown codes come back as they are. */
export const countryName = (code: string): string => regions.of(code) ?? code;

/** A span of hours in the unit a person would use: `45 min`, `5.2 h`, `3.1 days`. */
export function formatHours(hours: number): string {
  if (hours < 1) {
    const minutes = hours * 60;
    return minutes < 1 ? `${Math.round(minutes * 60)} s` : `${formatDecimal(minutes)} min`;
  }
  if (hours < 48) return `${formatDecimal(hours)} h`;
  return `${formatDecimal(hours / 24)} days`;
}

/** `n` and a noun, pluralised the simple English way: `1 transaction`, `7 transactions`. */
export const plural = (n: number, noun: string, many = `${noun}s`): string =>
  `${Number.isInteger(n) ? formatCount(n) : formatDecimal(n)} ${n === 1 ? noun : many}`;

/** Log-odds as a signed number with two decimals: `+0.48`, `−1.20` (a true minus sign). */
export function formatLogOdds(value: number): string {
  const abs = Math.abs(value).toFixed(2);
  if (abs === '0.00') return '0.00';
  return value > 0 ? `+${abs}` : `−${abs}`;
}

/** A probability score as a percentage with enough precision near 0 and 1 (`3.6%`, `0.42%`, `99.3%`). */
export function formatScore(value: number): string {
  if (value > 0 && value < 0.01) return `${(value * 100).toFixed(2)}%`;
  return `${(value * 100).toFixed(1)}%`;
}
