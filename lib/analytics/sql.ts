// Literals for the portable SQL subset. Queries inline their few parameters (days, thresholds) as
// validated literals: both engines quote strings the same way, and Athena's execution parameters
// would not help DuckDB.
import { AnalyticsError } from './types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD day as a string literal (the `dt` partition is a string in both engines). */
export function dayLiteral(day: string): string {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new AnalyticsError(`not a day: ${JSON.stringify(day)}`);
  return `'${day}'`;
}

/** A finite number as a DOUBLE literal. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new AnalyticsError(`not a finite number: ${value}`);
  return `CAST(${value} AS DOUBLE)`;
}

/** A string literal (quotes doubled). */
export const stringLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** A column name from a fixed allow-list, so a URL parameter can pick a breakdown safely. */
export function identifier<T extends string>(name: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === name);
  if (!found) throw new AnalyticsError(`unknown column ${JSON.stringify(name)}`);
  return found;
}
