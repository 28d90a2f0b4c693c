// The alerts surface: import from '@/lib/alerts'. Rules turn review items and daily counts into
// alerts; dispatch stores them in the feed and delivers them to the webhook and SNS.
export type { Channel, ChannelName } from './channel';
export {
  type AlertConfig,
  AlertConfigError,
  alertConfigFromEnv,
  DEFAULT_DAILY_FRAUD_RATE,
  DEFAULT_DAILY_MIN_TRANSACTIONS,
  DEFAULT_HIGH_RISK_SCORE,
  describeAlertConfig,
  type SnsConfig,
  type WebhookConfig,
} from './config';
export {
  type AlertDeps,
  type AlertDispatcher,
  type AlertLog,
  type ChannelReport,
  createAlertDeps,
  createAlertDispatcher,
  dispatchAlert,
  type DispatchReport,
  redeliverAlerts,
} from './dispatch';
export { snsMessage, webhookPayload } from './message';
export { redactUrl } from './redact';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export {
  type DayCounts,
  fraudRateAlert,
  fraudRateAlertId,
  highRiskAlert,
  highRiskAlertId,
  type HighRiskInput,
} from './rules';
export { createSnsClient } from './sns';
export type { FetchLike } from './webhook';
