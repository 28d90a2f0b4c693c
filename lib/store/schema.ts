// The shapes of everything the review store holds: review items (a flagged transaction and its
// triage state), audit events and alerts. Every read is validated against these, so a stored item
// written by an older or buggy writer fails loudly instead of reaching a page half-formed.
import { z } from 'zod';

import { FEATURE_SET_NAMES, type FeatureSetName } from '@/lib/features/definitions';
import { transactionSchema } from '@/lib/schema/transaction';

export const REVIEW_STATUSES = ['open', 'escalated', 'fraud', 'legitimate'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const OUTCOMES = ['fraud', 'legitimate', 'escalate'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The status a decision leaves the item in. */
export const STATUS_AFTER: Record<Outcome, ReviewStatus> = {
  fraud: 'fraud',
  legitimate: 'legitimate',
  escalate: 'escalated',
};

export const AUDIT_ACTIONS = [
  'flagged',
  'claimed',
  'released',
  'decided',
  'rescored',
  'threshold_changed',
  'alert_acknowledged',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ALERT_KINDS = ['high_risk_item', 'fraud_rate_breach'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Instants are stored as `Date#toISOString()` text: fixed width, so string order is time order. */
export const isoInstant = z.iso.datetime({ precision: 3 });
const name = z.string().min(1).max(128);
const reasonCode = z.string().regex(/^[a-z0-9_]{1,48}$/, 'reason must be a code like stolen_card');

export const decisionSchema = z.object({
  outcome: z.enum(OUTCOMES),
  reason: reasonCode,
  note: z.string().max(2000).optional(),
  analyst: name,
  at: isoInstant,
});
export type Decision = z.infer<typeof decisionSchema>;

export const attributionsSchema = z.object({ bias: z.number(), phi: z.array(z.number()) });
export type Attributions = z.infer<typeof attributionsSchema>;

const timelineSchema = z.object({
  columns: z.array(z.string()).readonly(),
  entries: z.array(z.array(z.number())),
});
export const contextSchema = z.object({
  card: timelineSchema,
  terminal: timelineSchema,
  terminalFirstFraudMs: z.number().nullable(),
});

// ---- audit events ------------------------------------------------------------------------------

const eventBase = {
  event_id: z.string().min(1).max(256),
  at: isoInstant,
  actor: name,
  /** The review item (transaction id) the event is about, when there is one. */
  item_id: z.string().min(1).max(64).optional(),
  /** The item version the event produced: versions 1..n of an item have exactly one event each. */
  item_version: z.number().int().min(1).optional(),
  /** The caller's idempotency token for the write that produced the event. */
  request_id: z.string().max(128).optional(),
};

const changeValue = z.union([z.string(), z.number()]);

export const auditEventSchema = z.discriminatedUnion('action', [
  z.object({
    ...eventBase,
    action: z.literal('flagged'),
    details: z.object({ score: z.number(), threshold: z.number(), model_version: z.string() }),
  }),
  z.object({
    ...eventBase,
    action: z.literal('claimed'),
    details: z.object({ expires_at: isoInstant, took_over_from: name.optional() }),
  }),
  z.object({ ...eventBase, action: z.literal('released'), details: z.object({}) }),
  z.object({
    ...eventBase,
    action: z.literal('decided'),
    details: z.object({
      outcome: z.enum(OUTCOMES),
      reason: reasonCode,
      note: z.string().max(2000).optional(),
      status: z.enum(REVIEW_STATUSES),
    }),
  }),
  z.object({
    ...eventBase,
    action: z.literal('rescored'),
    details: z.object({
      changes: z.record(z.string(), z.object({ from: changeValue, to: changeValue })),
      old_score: z.number(),
      new_score: z.number(),
      model_version: z.string(),
    }),
  }),
  z.object({
    ...eventBase,
    action: z.literal('threshold_changed'),
    details: z.object({
      from: z.number(),
      to: z.number(),
      model_version: z.string().optional(),
      note: z.string().max(2000).optional(),
    }),
  }),
  z.object({
    ...eventBase,
    action: z.literal('alert_acknowledged'),
    details: z.object({ alert_id: z.string() }),
  }),
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;

// ---- review items ------------------------------------------------------------------------------

/** What the queue, the card and terminal lists show: everything but the heavy model payload. */
export const reviewSummarySchema = z.object({
  transaction_id: z.string().min(1).max(64),
  status: z.enum(REVIEW_STATUSES),
  score: z.number(),
  model_version: z.string(),
  threshold: z.number(),
  tx: transactionSchema,
  /** Copies of tx fields as top-level attributes: index keys must be top level. */
  tx_time: isoInstant,
  card_id: z.string(),
  terminal_id: z.string(),
  flagged_at: isoInstant,
  version: z.number().int().min(1),
  assignee: name.optional(),
  claim_expires_at: isoInstant.optional(),
  decided_at: isoInstant.optional(),
  decision: decisionSchema.optional(),
  updated_at: isoInstant,
  updated_by: name,
  last_action: z.enum(AUDIT_ACTIONS),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

export const reviewItemSchema = reviewSummarySchema.extend({
  feature_set: z.enum(FEATURE_SET_NAMES as [FeatureSetName, ...FeatureSetName[]]),
  features: z.array(z.number()),
  attributions: attributionsSchema,
  context: contextSchema,
  last_request_id: z.string().max(128).optional(),
  /** The event of the latest change, kept on the item so a lost audit write can always be redone. */
  last_event: auditEventSchema,
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** Attributes projected into the list indexes (reviewSummarySchema's fields). */
export const SUMMARY_ATTRIBUTES = Object.keys(reviewSummarySchema.shape) as (keyof ReviewSummary)[];

/** A claim is live until its expiry; an expired claim's assignee is history, not ownership. */
export function isClaimActive(
  item: Pick<ReviewSummary, 'assignee' | 'claim_expires_at'>,
  now: Date = new Date(),
): boolean {
  return (
    item.assignee !== undefined &&
    item.claim_expires_at !== undefined &&
    item.claim_expires_at > now.toISOString()
  );
}

// ---- alerts ------------------------------------------------------------------------------------

export const deliverySchema = z.object({
  ok: z.boolean(),
  attempts: z.number().int().min(0),
  at: isoInstant,
  error: z.string().max(2000).optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const alertSchema = z.object({
  alert_id: z.string().min(1).max(256),
  kind: z.enum(ALERT_KINDS),
  at: isoInstant,
  severity: z.enum(['warning', 'critical']),
  title: z.string().min(1).max(500),
  transaction_id: z.string().optional(),
  card_id: z.string().optional(),
  terminal_id: z.string().optional(),
  score: z.number().optional(),
  /** Fraud-rate alerts: the UTC day, the observed rate and the configured threshold. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  rate: z.number().optional(),
  threshold: z.number().optional(),
  acknowledged_at: isoInstant.optional(),
  acknowledged_by: name.optional(),
  /** Per channel (webhook, sns …): the last delivery attempt's result. */
  deliveries: z.record(z.string(), deliverySchema).optional(),
});
export type Alert = z.infer<typeof alertSchema>;
