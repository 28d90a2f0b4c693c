// What a delivery channel is to the dispatcher: a name (its key under the alert's `deliveries`), a
// target safe to print, and one classified attempt. Retrying, timing and recording live elsewhere, so
// a channel stays a few lines of protocol.
import type { Alert } from '@/lib/store';

import type { AttemptOutcome } from './retry';

export type ChannelName = 'webhook' | 'sns';

export interface Channel {
  readonly name: ChannelName;
  /** Where it delivers, with secrets redacted: for logs and error messages. */
  readonly target: string;
  /** One try. May throw (counted as a retryable failure); must stop when `signal` aborts. */
  attempt(alert: Alert, signal: AbortSignal): Promise<AttemptOutcome>;
}
