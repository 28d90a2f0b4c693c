// The queue's labels for statuses, outcomes and channels. Times are written by the shared <LocalTime>
// (components/app-shell), numbers and money by lib/review/display-format, as on the item page.
import type { Channel } from '@/lib/schema/transaction';
import type { Outcome, ReviewStatus } from '@/lib/store/schema';

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  open: 'Open',
  escalated: 'Escalated',
  fraud: 'Fraud',
  legitimate: 'Legitimate',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  fraud: 'Fraud',
  legitimate: 'Legitimate',
  escalate: 'Escalate',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  chip: 'Chip',
  swipe: 'Swipe',
  contactless: 'Contactless',
  ecommerce: 'E-commerce',
};
