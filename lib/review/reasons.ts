// The fixed reason codes a review decision carries, per outcome, with the labels the console shows.
// Codes are stored on decisions and audit events, so a code never changes meaning: add codes, do not
// rename them. Plain data (no server imports), so the decision form can use it too.
import type { Outcome } from '@/lib/store/schema';

export interface Reason<C extends string = string> {
  code: C;
  label: string;
}

export const REASONS = {
  fraud: [
    { code: 'stolen_card', label: 'Lost or stolen card' },
    { code: 'card_not_present', label: 'Card-not-present fraud' },
    { code: 'account_takeover', label: 'Account takeover' },
    { code: 'counterfeit', label: 'Counterfeit or skimmed card' },
    { code: 'merchant_compromise', label: 'Compromised merchant or terminal' },
  ],
  legitimate: [
    { code: 'customer_confirmed', label: 'Customer confirmed the transaction' },
    { code: 'known_pattern', label: "Fits the customer's known pattern" },
    { code: 'false_positive_model', label: 'Model false positive' },
  ],
  escalate: [
    { code: 'needs_more_info', label: 'Needs more information' },
    { code: 'high_value', label: 'High value: needs a senior decision' },
    { code: 'policy_review', label: 'Policy review' },
  ],
} as const satisfies Record<Outcome, readonly Reason[]>;

export type ReasonCode<O extends Outcome = Outcome> = (typeof REASONS)[O][number]['code'];

export function reasonsFor<O extends Outcome>(outcome: O): readonly Reason<ReasonCode<O>>[] {
  return REASONS[outcome];
}

/** Whether `code` is one of the outcome's reasons (server actions check this before deciding). */
export function isReasonFor<O extends Outcome>(outcome: O, code: string): code is ReasonCode<O> {
  return REASONS[outcome].some((r) => r.code === code);
}

/** The label for a stored code; an unknown code (older data, another tool) shows as itself. */
export function reasonLabel(code: string): string {
  for (const list of Object.values(REASONS)) {
    const found = list.find((r: Reason) => r.code === code);
    if (found) return found.label;
  }
  return code;
}
