// The queue export against a real dynalite: the queue's order and filters, every page read (not just
// one), the row bound with its truncation flag, and hostile merchant names made inert in the file.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { putReviewItem } from '@/lib/store';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

import { exportQueue, QUEUE_EXPORT_COLUMNS } from './queue-export';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore('qx_');
  const items = Array.from({ length: 30 }, (_, i) =>
    review({
      id: `q${String(i).padStart(2, '0')}`,
      score: 0.5 + i / 100,
      channel: i % 3 ? 'chip' : 'ecommerce',
    }),
  );
  const hostile = review({ id: 'evil', score: 0.99, channel: 'ecommerce' });
  hostile.transaction.merchant_name = `=cmd|' /C calc'!A0`;
  const html = review({ id: 'html', score: 0.98, channel: 'ecommerce' });
  html.transaction.merchant_name = '<img src=x onerror=alert(1)>';
  for (const r of [...items, hostile, html]) await putReviewItem(t.store, r);
});
afterAll(async () => t?.close());

const rowsOf = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

describe('exportQueue', () => {
  it('exports the filtered queue in score order with formula-escaped text', async () => {
    const out = await exportQueue(t.store, { status: 'open', order: 'score' }, { channel: 'ecommerce' });
    const rows = rowsOf(out.csv);
    expect(Object.keys(rows[0]!)).toEqual(QUEUE_EXPORT_COLUMNS);
    expect(out).toMatchObject({ rows: 12, truncated: false });
    expect(rows.map((r) => r.transaction_id)).toEqual([
      'evil',
      'html',
      ...['q27', 'q24', 'q21', 'q18', 'q15', 'q12', 'q09', 'q06', 'q03', 'q00'],
    ]);
    expect(rows[0]!.merchant_name).toBe(`'=cmd|' /C calc'!A0`);
    expect(rows[1]!.merchant_name).toBe('<img src=x onerror=alert(1)>');
    expect(Number(rows[0]!.score)).toBeCloseTo(0.99, 6);
  });

  it('reads past one store page and cuts at the row bound, saying so', async () => {
    const all = await exportQueue(t.store, { status: 'open', order: 'age' }, {});
    expect(all).toMatchObject({ rows: 32, truncated: false });
    const cut = await exportQueue(t.store, { status: 'open', order: 'score' }, {}, { maxRows: 5 });
    expect(cut).toMatchObject({ rows: 5, truncated: true });
    expect(rowsOf(cut.csv)).toHaveLength(5);
    const exact = await exportQueue(t.store, { status: 'open', order: 'score' }, {}, { maxRows: 32 });
    expect(exact).toMatchObject({ rows: 32, truncated: false });
  });
});
