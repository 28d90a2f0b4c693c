// The audit CSV against a real dynalite: the page's filters, newest first, formula-escaped notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseAuditView } from '@/lib/audit/view';
import { decideReview, putReviewItem } from '@/lib/store';
import { review, startTestStore, type TestStore } from '@/lib/store/test-support';

import { AUDIT_EXPORT_COLUMNS, exportAudit } from './audit-export';

let ts: TestStore;

beforeAll(async () => {
  ts = await startTestStore('audx_');
  for (const id of ['a1', 'a2', 'a3'])
    await putReviewItem(ts.store, review({ id, score: 0.8, flaggedAt: '2025-03-01T09:00:00.000Z' }));
  await decideReview(ts.store, {
    transactionId: 'a2',
    version: 1,
    outcome: 'fraud',
    reason: 'stolen_card',
    note: '=HYPERLINK("http://evil")',
    analyst: 'ana (local)',
    now: new Date('2025-03-02T10:00:00.000Z'),
  });
}, 60_000);

afterAll(async () => ts?.close());

const rows = (csv: string): string[] =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);

describe('exportAudit', () => {
  it('writes every event of the view, newest first, with escaped text', async () => {
    const all = await exportAudit(ts.store, parseAuditView({}).view);
    expect(all).toMatchObject({ rows: 4, truncated: false });
    const lines = rows(all.csv);
    expect(lines[0]).toBe(AUDIT_EXPORT_COLUMNS.join(','));
    expect(lines[1]).toContain('ana (local),Decided,a2,2,fraud: Lost or stolen card');
    // The note would be a formula in a spreadsheet: it is prefixed so it stays text.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('applies the filters and the row cap', async () => {
    const flagged = await exportAudit(ts.store, parseAuditView({ action: 'flagged' }).view);
    expect(flagged.rows).toBe(3);
    const byAna = await exportAudit(ts.store, parseAuditView({ actor: 'ana (local)' }).view);
    expect(byAna.rows).toBe(1);
    const capped = await exportAudit(ts.store, parseAuditView({}).view, { maxRows: 2 });
    expect(capped).toMatchObject({ rows: 2, truncated: true });
    const none = await exportAudit(ts.store, parseAuditView({ from: '2026-01-01' }).view);
    expect(none.rows).toBe(0);
  });
});
