// The audit page's view, kept in the URL: who (the actor as recorded), which action, which UTC days,
// and the page cursor. Parsed with zod; a parameter the page cannot use is named and ignored rather
// than silently changing what is shown. Plain data, so the page, the CSV export and tests share it.
import { z } from 'zod';

import type { AuditQuery } from '@/lib/store/audit';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/store/schema';

export interface AuditView {
  actor: string | null;
  action: AuditAction | null;
  /** Inclusive UTC days (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
  cursor: string | null;
}

export interface IgnoredParam {
  param: string;
  value: string;
  message: string;
}

const day = z.iso.date('a day as YYYY-MM-DD');
const fields = {
  actor: z.string().trim().min(1).max(128),
  action: z.enum(AUDIT_ACTIONS, { error: `one of ${AUDIT_ACTIONS.join(', ')}` }),
  from: day,
  to: day,
  cursor: z.string().min(1).max(2000),
} as const;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (params: Params, key: string): string | undefined => {
  const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return Array.isArray(value) ? value[0] : value;
};

export function parseAuditView(params: Params): { view: AuditView; ignored: IgnoredParam[] } {
  const view: AuditView = { actor: null, action: null, from: null, to: null, cursor: null };
  const ignored: IgnoredParam[] = [];
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    const raw = first(params, key);
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) (view as unknown as Record<string, string>)[key] = parsed.data;
    else ignored.push({ param: key, value: raw, message: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  if (view.from && view.to && view.from > view.to) {
    ignored.push({ param: 'to', value: view.to, message: 'is before the first day' });
    view.to = null;
  }
  return { view, ignored };
}

/** The store query for a view: whole UTC days, newest first. */
export function auditQuery(view: AuditView, limit: number): AuditQuery {
  return {
    ...(view.actor ? { actor: view.actor } : {}),
    ...(view.action ? { action: view.action } : {}),
    ...(view.from ? { from: `${view.from}T00:00:00.000Z` } : {}),
    ...(view.to ? { to: `${view.to}T23:59:59.999Z` } : {}),
    ...(view.cursor ? { cursor: view.cursor } : {}),
    limit,
  };
}

/** URL parameters of a view (the cursor left out unless asked for). */
export function auditParams(view: AuditView, withCursor = false): URLSearchParams {
  const out = new URLSearchParams();
  if (view.actor) out.set('actor', view.actor);
  if (view.action) out.set('action', view.action);
  if (view.from) out.set('from', view.from);
  if (view.to) out.set('to', view.to);
  if (withCursor && view.cursor) out.set('cursor', view.cursor);
  return out;
}

export const auditHref = (view: AuditView, withCursor = false): string => {
  const query = auditParams(view, withCursor).toString();
  return query ? `/audit?${query}` : '/audit';
};
