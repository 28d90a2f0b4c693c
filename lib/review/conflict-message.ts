// The words a stale form shows instead of overwriting someone else's change: who changed the item,
// what they did and when (in the viewer's time zone, sent by the form, and locale), and what to do next.
import { DEFAULT_LOCALE } from '@/lib/format/locale';
import type { CurrentState } from '@/lib/store/errors';

const ACTION_WORDS: Readonly<Record<CurrentState['last_action'], string>> = {
  flagged: 'flagged',
  claimed: 'claimed',
  released: 'released',
  decided: 'decided',
  rescored: 'rescored',
  threshold_changed: 'changed',
  alert_acknowledged: 'changed',
};

const STATUS_WORDS: Readonly<Record<CurrentState['status'], string>> = {
  open: 'open',
  escalated: 'escalated',
  fraud: 'fraud',
  legitimate: 'legitimate',
};

/** A time zone the browser reported, if Intl knows it; UTC otherwise. */
export function safeTimeZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** `Nov 30, 2026, 15:21:05 UTC` in the given zone and locale, with the zone's short name. */
export function formatInstant(iso: string, timeZone = 'UTC', locale = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
    hourCycle: 'h23',
    timeZone: safeTimeZone(timeZone),
  }).format(new Date(iso));
}

/** What happened since the form was rendered, e.g. "decided: fraud", "claimed". */
export function describeChange(current: CurrentState): string {
  const action = ACTION_WORDS[current.last_action];
  return current.last_action === 'decided' ? `${action}: ${STATUS_WORDS[current.status]}` : action;
}

/** "Changed by X at T — reload": the message of a ReviewConflictError for the person who lost the race. */
export function conflictMessage(current: CurrentState, timeZone?: string, locale?: string): string {
  return `Changed by ${current.updated_by} at ${formatInstant(current.updated_at, timeZone, locale)} (${describeChange(current)}) after you opened it — reload to see the latest. Nothing was saved.`;
}
