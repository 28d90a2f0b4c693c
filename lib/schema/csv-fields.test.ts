import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { parseCsvFields } from './csv-fields';
import { RecordSplitter, type SplitRecord } from './record-splitter';

/** Records and fields as the reader sees them: RecordSplitter, then parseCsvFields. */
function split(text: string, chunk: number): (string[] | { error: string })[] {
  const splitter = new RecordSplitter(true);
  const out: SplitRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) splitter.push(text.slice(i, i + chunk), out);
  splitter.end(out);
  return out.map((r) => (r.error ? { error: r.error } : parseCsvFields(r.text)));
}

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A random well-formed CSV: fields plain or quoted, holding commas, quotes, CR/LF and non-ASCII text. */
function randomCsv(random: () => number): string {
  const pieces = ['a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '€', '😀', 'x y'];
  const rows: string[] = [];
  const width = 1 + Math.floor(random() * 4);
  for (let r = 0; r < 1 + Math.floor(random() * 6); r++) {
    const fields: string[] = [];
    for (let f = 0; f < width; f++) {
      let value = '';
      for (let k = Math.floor(random() * 5); k > 0; k--)
        value += pieces[Math.floor(random() * pieces.length)];
      const mustQuote = /[",\r\n]/.test(value) || (value.trim() === '' && width === 1);
      fields.push(mustQuote || random() < 0.2 ? `"${value.replaceAll('"', '""')}"` : value);
    }
    rows.push(fields.join(','));
  }
  return rows.join(random() < 0.5 ? '\n' : '\r\n') + (random() < 0.5 ? '\n' : '');
}

describe('CSV records and fields', () => {
  it('agree with csv-parse on well-formed CSV, however the text is chunked', () => {
    const random = rng(42);
    for (let i = 0; i < 2_000; i++) {
      const text = randomCsv(random);
      const expected = parse(text, {
        relax_column_count: true,
        record_delimiter: ['\r\n', '\n'],
      }) as string[][];
      for (const chunk of [1, 3, text.length])
        expect(split(text, chunk), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('keeps quotes inside unquoted fields as text and flags text after a closing quote', () => {
    expect(parseCsvFields('5" screen,b')).toEqual(['5" screen', 'b']);
    expect(parseCsvFields('"a"b,c', ['name', 'x'])).toEqual({
      error: 'malformed CSV: text after the closing quote of field 1 (name)',
    });
    expect(parseCsvFields('a,,"",')).toEqual(['a', '', '', '']);
  });
});
