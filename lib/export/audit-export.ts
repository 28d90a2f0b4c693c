// The audit trail as a CSV file, with the audit page's filters: newest first, one row per event, the
// details in words and the note in its own column. Bounded like every export (collect.ts).
import 'server-only';

import { ACTION_LABELS, describeEvent, eventNote } from '@/lib/audit/describe';
import { auditQuery, type AuditView } from '@/lib/audit/view';
import { listAuditEvents, type Store } from '@/lib/store';

import { collectPages, MAX_EXPORT_ROWS } from './collect';
import { toCsv } from './csv';

export const AUDIT_EXPORT_COLUMNS = [
  'at',
  'actor',
  'action',
  'item_id',
  'item_version',
  'details',
  'note',
  'event_id',
] as const;

export async function exportAudit(
  store: Store,
  view: AuditView,
  options: { maxRows?: number } = {},
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const maxRows = Math.max(1, Math.min(options.maxRows ?? MAX_EXPORT_ROWS, MAX_EXPORT_ROWS));
  const { items, truncated } = await collectPages(
    (cursor, limit) => listAuditEvents(store, auditQuery({ ...view, cursor }, limit)),
    maxRows,
  );
  const csv = toCsv(
    AUDIT_EXPORT_COLUMNS,
    items.map((e) => [
      e.at,
      e.actor,
      ACTION_LABELS[e.action],
      e.item_id,
      e.item_version,
      describeEvent(e),
      eventNote(e),
      e.event_id,
    ]),
  );
  return { csv, rows: items.length, truncated };
}
