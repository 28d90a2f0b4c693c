// Words for the three decision outcomes, as buttons, the trail and confirmations show them.
import type { Outcome } from '@/lib/store/schema';

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  fraud: 'Fraud',
  legitimate: 'Legitimate',
  escalate: 'Escalate',
};
