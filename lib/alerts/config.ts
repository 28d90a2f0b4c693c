// Alert settings from the environment: the rule thresholds, which channels are on, and the retry
// policy. Validated once at start-up so a typo fails loudly with the variable's name instead of
// silently disabling a channel. The webhook URL is a secret (whoever holds it can post to the
// channel), so it is never echoed back, not even in a validation error.
import { z } from 'zod';

import { redactUrl } from './redact';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

export interface WebhookConfig {
  /** Full URL, secret: use `redactUrl` for anything a person or a log will see. */
  url: string;
}

export interface SnsConfig {
  topicArn: string;
  /** FRAUD_ALERT_SNS_REGION, else the region inside the topic ARN. */
  region: string;
  /** Optional endpoint override (VPC endpoint, LocalStack, a test server). */
  endpoint?: string;
  /** FIFO topics need a message group and take a deduplication id. */
  fifo: boolean;
}

export interface AlertConfig {
  /** A review item with score ≥ this raises a high-risk alert. */
  highRiskScore: number;
  /** A day whose fraud rate is > this raises a breach alert. */
  dailyFraudRate: number;
  /** Days with fewer transactions are not judged: 1 fraud in 20 transactions is noise, not a breach. */
  dailyMinTransactions: number;
  webhook?: WebhookConfig;
  sns?: SnsConfig;
  retry: RetryPolicy;
}

export const DEFAULT_HIGH_RISK_SCORE = 0.9;
export const DEFAULT_DAILY_FRAUD_RATE = 0.01;
export const DEFAULT_DAILY_MIN_TRANSACTIONS = 100;

/** Bad alert settings; `problems` holds one line per variable. */
export class AlertConfigError extends Error {
  override readonly name = 'AlertConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid alert configuration:\n  ${problems.join('\n  ')}`);
  }
}

const SNS_ARN = /^arn:aws[a-z-]*:sns:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

/** Env values that should be shown back in error messages (everything but secrets). */
const SHOWN = new Set([
  'FRAUD_ALERT_HIGH_RISK_SCORE',
  'FRAUD_ALERT_DAILY_RATE',
  'FRAUD_ALERT_DAILY_MIN_TRANSACTIONS',
  'FRAUD_ALERT_SNS_TOPIC_ARN',
  'FRAUD_ALERT_SNS_REGION',
  'FRAUD_ALERT_SNS_ENDPOINT',
]);

const number = (message: string) => z.coerce.number({ error: message }).refine(Number.isFinite, message);

const httpUrl = (message: string) =>
  z.string().refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, message);

const envSchema = z.object({
  FRAUD_ALERT_HIGH_RISK_SCORE: number('must be a number')
    .refine((v) => v > 0 && v <= 1, 'must be a score in (0, 1], e.g. 0.9')
    .optional(),
  FRAUD_ALERT_DAILY_RATE: number('must be a number')
    .refine((v) => v > 0 && v < 1, 'must be a fraction in (0, 1), e.g. 0.01 for 1%')
    .optional(),
  FRAUD_ALERT_DAILY_MIN_TRANSACTIONS: number('must be a number')
    .refine((v) => Number.isInteger(v) && v >= 1, 'must be a whole number ≥ 1')
    .optional(),
  FRAUD_ALERT_WEBHOOK_URL: httpUrl('must be an http(s) URL (e.g. a Slack incoming-webhook URL)').optional(),
  FRAUD_ALERT_SNS_TOPIC_ARN: z
    .string()
    .regex(SNS_ARN, 'must be an SNS topic ARN like arn:aws:sns:eu-west-1:123456789012:fraud-alerts')
    .optional(),
  FRAUD_ALERT_SNS_REGION: z
    .string()
    .regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/, 'must be an AWS region like eu-west-1')
    .optional(),
  FRAUD_ALERT_SNS_ENDPOINT: httpUrl('must be an http(s) URL').optional(),
});

/**
 * Reads FRAUD_ALERT_* variables. Empty values count as unset (compose files and .env templates
 * often leave them blank). Throws `AlertConfigError` listing every bad variable at once.
 */
export function alertConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AlertConfig {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key]?.trim();
    if (value) raw[key] = value;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      const shown = SHOWN.has(key) ? ` (got "${raw[key] ?? ''}")` : '';
      return `${key}: ${issue.message}${shown}`;
    });
    throw new AlertConfigError(problems);
  }
  const e = parsed.data;
  if (!e.FRAUD_ALERT_SNS_TOPIC_ARN && (e.FRAUD_ALERT_SNS_REGION || e.FRAUD_ALERT_SNS_ENDPOINT)) {
    throw new AlertConfigError([
      'FRAUD_ALERT_SNS_REGION / FRAUD_ALERT_SNS_ENDPOINT are set but FRAUD_ALERT_SNS_TOPIC_ARN is not: ' +
        'set the topic ARN to publish to SNS, or unset them',
    ]);
  }
  const arn = e.FRAUD_ALERT_SNS_TOPIC_ARN ? SNS_ARN.exec(e.FRAUD_ALERT_SNS_TOPIC_ARN) : null;
  return {
    highRiskScore: e.FRAUD_ALERT_HIGH_RISK_SCORE ?? DEFAULT_HIGH_RISK_SCORE,
    dailyFraudRate: e.FRAUD_ALERT_DAILY_RATE ?? DEFAULT_DAILY_FRAUD_RATE,
    dailyMinTransactions: e.FRAUD_ALERT_DAILY_MIN_TRANSACTIONS ?? DEFAULT_DAILY_MIN_TRANSACTIONS,
    ...(e.FRAUD_ALERT_WEBHOOK_URL ? { webhook: { url: e.FRAUD_ALERT_WEBHOOK_URL } } : {}),
    ...(arn
      ? {
          sns: {
            topicArn: arn[0],
            region: e.FRAUD_ALERT_SNS_REGION ?? arn[1]!,
            ...(e.FRAUD_ALERT_SNS_ENDPOINT ? { endpoint: e.FRAUD_ALERT_SNS_ENDPOINT } : {}),
            fifo: arn[0].endsWith('.fifo'),
          },
        }
      : {}),
    retry: DEFAULT_RETRY_POLICY,
  };
}

/** One line for start-up logs: what is on, with the webhook redacted. */
export function describeAlertConfig(config: AlertConfig): string {
  const channels = [
    'feed',
    ...(config.webhook ? [`webhook ${redactUrl(config.webhook.url)}`] : []),
    ...(config.sns
      ? [`sns ${config.sns.topicArn}${config.sns.endpoint ? ` via ${config.sns.endpoint}` : ''}`]
      : []),
  ];
  return (
    `alerts: high-risk score ≥ ${config.highRiskScore}, daily fraud rate > ${config.dailyFraudRate * 100}% ` +
    `(days with ≥ ${config.dailyMinTransactions} transactions); channels: ${channels.join(', ')}`
  );
}
