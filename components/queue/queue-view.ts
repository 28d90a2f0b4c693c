// The review queue's view (status tab, order, filters, page) as it lives in the URL: parsed with zod
// field by field, so one bad parameter is reported and dropped instead of failing the whole page, and
// written back in a fixed order with defaults left out, so links are short and stable. Also maps a view
// to the store's queue query. Pure: used by the page, the server actions and the tests alike.
import { z } from 'zod';

import { CHANNELS, type Channel } from '@/lib/schema/transaction';
import { REVIEW_STATUSES, type ReviewStatus } from '@/lib/store/schema';

export type QueueOrderParam = 'score' | 'age';

export const QUEUE_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** How many earlier pages "Previous" can walk back through; the URL would grow past this. */
export const MAX_PAGE_TRAIL = 40;
/** Stands for "the first page" in the trail of earlier cursors (a real cursor is never a lone dash). */
const FIRST_PAGE = '-';

/** `me`: the signed-in analyst's live claims; `unassigned`: nobody holds a live claim; else an analyst name. */
export type AssigneeParam = 'me' | 'unassigned' | (string & {});

export interface QueueView {
  status: ReviewStatus;
  order: QueueOrderParam;
  /** Transaction date range, inclusive, as UTC days (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** In percent (0–100), as the console shows scores; the store's scores are 0–1. */
  minScore?: number;
  minAmount?: number;
  maxAmount?: number;
  channel?: Channel;
  cardCountry?: string;
  merchantCountry?: string;
  mcc?: string;
  assignee?: AssigneeParam;
  size: number;
  /** Position of this page; absent on the first page. */
  cursor?: string;
  /** Cursors of the earlier pages, oldest first (`undefined` = the first page): what "Previous" follows. */
  trail: (string | undefined)[];
}

export const DEFAULT_VIEW: QueueView = {
  status: 'open',
  order: 'score',
  size: DEFAULT_PAGE_SIZE,
  trail: [],
};

/** The filter fields: what "Clear filters" removes and what counts as "filtered". */
export const FILTER_KEYS = [
  'from',
  'to',
  'minScore',
  'minAmount',
  'maxAmount',
  'channel',
  'cardCountry',
  'merchantCountry',
  'mcc',
  'assignee',
] as const satisfies readonly (keyof QueueView)[];

/** URL parameter names (snake_case, like the rest of the console's data). */
const PARAM: Record<keyof QueueView, string> = {
  status: 'status',
  order: 'order',
  from: 'from',
  to: 'to',
  minScore: 'min_score',
  minAmount: 'min_amount',
  maxAmount: 'max_amount',
  channel: 'channel',
  cardCountry: 'card_country',
  merchantCountry: 'merchant_country',
  mcc: 'mcc',
  assignee: 'assignee',
  size: 'size',
  cursor: 'cursor',
  trail: 'prev',
};

/** A calendar day that exists (Date would roll 2024-02-30 over to March 1). */
const isRealDay = (d: string): boolean => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2024-05-01')
  .refine(isRealDay, 'not a real date');
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a number such as 250 or 12.5')
  .transform(Number);
const cursorText = z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/, 'not a page cursor');

const FIELD = {
  status: z.enum(REVIEW_STATUSES, { error: `expected one of ${REVIEW_STATUSES.join(', ')}` }),
  order: z.enum(['score', 'age'], { error: 'expected score or age' }),
  from: day,
  to: day,
  minScore: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'expected a percentage such as 50')
    .transform(Number)
    .pipe(z.number().max(100, 'a score is a percentage from 0 to 100')),
  minAmount: decimal,
  maxAmount: decimal,
  channel: z.enum(CHANNELS, { error: `expected one of ${CHANNELS.join(', ')}` }),
  cardCountry: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter country code such as FR')),
  merchantCountry: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter country code such as FR')),
  mcc: z.string().regex(/^\d{4}$/, 'expected a four-digit merchant category code'),
  assignee: z.string().min(1).max(128, 'an analyst name is at most 128 characters'),
  size: z
    .enum(QUEUE_PAGE_SIZES.map(String) as [string, ...string[]], {
      error: `expected ${QUEUE_PAGE_SIZES.join(', ')}`,
    })
    .transform(Number),
  cursor: cursorText,
  trail: z
    .string()
    .transform((s) => s.split('.'))
    .pipe(
      z
        .array(z.union([z.literal(FIRST_PAGE), cursorText]))
        .max(MAX_PAGE_TRAIL, `at most ${MAX_PAGE_TRAIL} earlier pages`),
    )
    .transform((list) => list.map((c) => (c === FIRST_PAGE ? undefined : c))),
} satisfies Record<keyof QueueView, z.ZodType>;

/** A URL parameter that was present but could not be used, with why. */
export interface IgnoredParam {
  param: string;
  value: string;
  message: string;
}

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: SearchParamsLike, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads a view from URL parameters; empty parameters (a GET form's blank fields) mean "not set". */
export function parseQueueView(params: SearchParamsLike): { view: QueueView; ignored: IgnoredParam[] } {
  const view: QueueView = { ...DEFAULT_VIEW, trail: [] };
  const ignored: IgnoredParam[] = [];
  // Each value comes from its own field's schema, so writing it under that key keeps the view typed.
  const writable = view as unknown as Record<string, unknown>;
  for (const key of Object.keys(FIELD) as (keyof QueueView)[]) {
    const param = PARAM[key];
    const raw = first(params, param)?.trim();
    if (raw === undefined || raw === '') continue;
    const parsed = FIELD[key].safeParse(raw);
    if (parsed.success) writable[key] = parsed.data;
    else ignored.push({ param, value: raw, message: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  // Contradictory bounds would silently show nothing; drop the upper one and say so.
  if (view.from !== undefined && view.to !== undefined && view.from > view.to) {
    ignored.push({ param: PARAM.to, value: view.to, message: `is before ${PARAM.from} (${view.from})` });
    delete view.to;
  }
  if (view.minAmount !== undefined && view.maxAmount !== undefined && view.minAmount > view.maxAmount) {
    ignored.push({
      param: PARAM.maxAmount,
      value: String(view.maxAmount),
      message: `is below ${PARAM.minAmount} (${view.minAmount})`,
    });
    delete view.maxAmount;
  }
  // A trail without a current page is meaningless (page 1 has no earlier pages).
  if (view.cursor === undefined) view.trail = [];
  return { view, ignored };
}

/** The URL parameters of a view, defaults left out, in a fixed order. */
export function queueViewToParams(view: QueueView): URLSearchParams {
  const out = new URLSearchParams();
  const set = (key: keyof typeof PARAM, value: string | number | undefined, fallback?: string | number) => {
    if (value !== undefined && value !== fallback) out.set(PARAM[key], String(value));
  };
  set('status', view.status, DEFAULT_VIEW.status);
  set('order', view.order, DEFAULT_VIEW.order);
  for (const key of FILTER_KEYS) set(key, view[key]);
  set('size', view.size, DEFAULT_VIEW.size);
  if (view.cursor !== undefined) {
    set('cursor', view.cursor);
    if (view.trail.length > 0) set('trail', view.trail.map((c) => c ?? FIRST_PAGE).join('.'));
  }
  return out;
}

/** `/queue?…` for a view. */
export function queueHref(view: QueueView): string {
  const qs = queueViewToParams(view).toString();
  return qs ? `/queue?${qs}` : '/queue';
}

/** The same view on its first page: every change of status, order or filter starts over. */
export function firstPage(view: QueueView, changes: Partial<QueueView> = {}): QueueView {
  const { cursor: _cursor, ...rest } = { ...view, ...changes };
  return { ...rest, trail: [] };
}

/** The view without any filter (status, order and page size kept). */
export function clearFilters(view: QueueView): QueueView {
  return { status: view.status, order: view.order, size: view.size, trail: [] };
}

export function hasFilters(view: QueueView): boolean {
  return FILTER_KEYS.some((key) => view[key] !== undefined);
}

/** The page after this one, given the store's cursor for it. */
export function nextPage(view: QueueView, cursor: string): QueueView {
  // Past the trail's cap the oldest entries fall off: "Previous" then stops short of page 1.
  const trail = [...view.trail, view.cursor].slice(-MAX_PAGE_TRAIL);
  return { ...view, cursor, trail };
}

/** The page before this one, or null on the first page. */
export function previousPage(view: QueueView): QueueView | null {
  if (view.cursor === undefined) return null;
  const trail = view.trail.slice(0, -1);
  const cursor = view.trail[view.trail.length - 1];
  const { cursor: _cursor, ...rest } = view;
  return cursor === undefined ? { ...rest, trail: [] } : { ...rest, cursor, trail };
}

/** 1-based page number (as far as the trail remembers). */
export const pageNumber = (view: QueueView): number =>
  view.cursor === undefined ? 1 : view.trail.length + 1;

export interface StoreQueueFilters {
  from?: string;
  to?: string;
  minScore?: number;
  minAmount?: number;
  maxAmount?: number;
  channel?: Channel;
  cardCountry?: string;
  merchantCountry?: string;
  mcc?: string;
  assignee?: string | null;
}

/**
 * The store's filters for a view. Days are whole UTC days; `me` is the signed-in analyst's actor name.
 * Structurally the store's QueueFilters, kept separate so this module stays free of server imports.
 */
export function toStoreFilters(view: QueueView, actor: string): StoreQueueFilters {
  const f: StoreQueueFilters = {};
  if (view.from !== undefined) f.from = `${view.from}T00:00:00.000Z`;
  if (view.to !== undefined) f.to = `${view.to}T23:59:59.999Z`;
  if (view.minScore !== undefined) f.minScore = view.minScore / 100;
  if (view.minAmount !== undefined) f.minAmount = view.minAmount;
  if (view.maxAmount !== undefined) f.maxAmount = view.maxAmount;
  if (view.channel !== undefined) f.channel = view.channel;
  if (view.cardCountry !== undefined) f.cardCountry = view.cardCountry;
  if (view.merchantCountry !== undefined) f.merchantCountry = view.merchantCountry;
  if (view.mcc !== undefined) f.mcc = view.mcc;
  if (view.assignee === 'me') f.assignee = actor;
  else if (view.assignee === 'unassigned') f.assignee = null;
  else if (view.assignee !== undefined) f.assignee = view.assignee;
  return f;
}
