// One audit event in words, for the audit page and its CSV export: what the actor did, with the
// details that matter to a reviewer (outcome and reason, what a rescore changed, a threshold's move).
import { reasonLabel } from '@/lib/review/reasons';
import type { AuditAction, AuditEvent } from '@/lib/store/schema';

export const ACTION_LABELS: Record<AuditAction, string> = {
  flagged: 'Flagged',
  claimed: 'Claimed',
  released: 'Released',
  decided: 'Decided',
  rescored: 'Rescored',
  threshold_changed: 'Threshold changed',
  alert_acknowledged: 'Alert acknowledged',
};

const pct = (p: number): string => `${(p * 100).toFixed(p < 0.1 ? 2 : 1)}%`;

/** The event's details as one line (no note; see `eventNote`). */
export function describeEvent(event: AuditEvent): string {
  switch (event.action) {
    case 'flagged':
      return `score ${pct(event.details.score)} at threshold ${pct(event.details.threshold)} (model ${event.details.model_version})`;
    case 'claimed':
      return `until ${event.details.expires_at}${event.details.took_over_from ? `, taken over from ${event.details.took_over_from}` : ''}`;
    case 'released':
      return 'claim given up';
    case 'decided':
      return `${event.details.outcome}: ${reasonLabel(event.details.reason)}`;
    case 'rescored': {
      const changes = Object.entries(event.details.changes)
        .map(([field, c]) => `${field} ${c.from} → ${c.to}`)
        .join(', ');
      return `${changes || 'no edits'}; score ${pct(event.details.old_score)} → ${pct(event.details.new_score)}`;
    }
    case 'threshold_changed':
      return `${pct(event.details.from)} → ${pct(event.details.to)}${event.details.model_version ? ` (model ${event.details.model_version})` : ''}`;
    case 'alert_acknowledged':
      return `alert ${event.details.alert_id}`;
  }
}

/** The note an analyst or admin wrote with the event, if any. */
export function eventNote(event: AuditEvent): string | null {
  if (event.action === 'decided' || event.action === 'threshold_changed') return event.details.note ?? null;
  return null;
}
