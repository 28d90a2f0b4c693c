// CSV text for spreadsheets: RFC 4180 quoting (comma, quote, CR and LF inside a field are quoted, quotes
// doubled, records end in CRLF) plus OWASP's CSV-injection escaping. Data in the console comes from
// outside (merchant names, analysts' notes), and a cell that starts with = + - @ TAB or CR is run as a
// formula by Excel, LibreOffice and Google Sheets: `=cmd|' /C calc'!A0` would execute on the
// analyst's machine. Such text cells get a leading single quote, which spreadsheets show as text.
// Numbers are written as numbers and never escaped (they are finite by construction, so a negative
// number is a number, not a formula). Pure: no I/O.

/** What a cell may hold; null and undefined are empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Text that needs RFC 4180 quoting. */
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made inert: a leading formula character gets a single quote in front. */
export function escapeFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/** One field as CSV text (formula-escaped when it is text, quoted when RFC 4180 requires it). */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = escapeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * A UTF-8 byte order mark: without it Excel reads a CSV file in the machine's legacy code page and
 * shows "Müller" as "MÃ¼ller". Other readers (csv-parse, pandas, Sheets) skip it.
 */
export const UTF8_BOM = '\uFEFF';

/** A whole document: BOM, header record, then one record per row. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = UTF8_BOM + csvRecord(header);
  for (const row of rows) out += csvRecord(row);
  return out;
}
