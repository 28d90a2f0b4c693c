import { describe, expect, test } from 'vitest';

import { AlertConfigError, alertConfigFromEnv, describeAlertConfig } from './config';
import { redactUrl, scrub } from './redact';

const SECRET = 'https://hooks.slack.com/services/T000/B000/XXXXsecretXXXXabcd';

function problems(env: Record<string, string>): string[] {
  try {
    alertConfigFromEnv(env);
  } catch (error) {
    if (error instanceof AlertConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected AlertConfigError');
}

describe('alert config', () => {
  test('defaults: feed only, 0.9 and 1%', () => {
    const c = alertConfigFromEnv({});
    expect(c).toMatchObject({ highRiskScore: 0.9, dailyFraudRate: 0.01, dailyMinTransactions: 100 });
    expect(c.webhook).toBeUndefined();
    expect(c.sns).toBeUndefined();
    expect(c.retry.maxAttempts).toBe(4);
  });

  test('all set; SNS region from the ARN unless overridden; empty values are unset', () => {
    const c = alertConfigFromEnv({
      FRAUD_ALERT_WEBHOOK_URL: SECRET,
      FRAUD_ALERT_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts.fifo',
      FRAUD_ALERT_HIGH_RISK_SCORE: '0.95',
      FRAUD_ALERT_DAILY_RATE: ' 0.02 ',
      FRAUD_ALERT_DAILY_MIN_TRANSACTIONS: '',
    });
    expect(c).toMatchObject({
      highRiskScore: 0.95,
      dailyFraudRate: 0.02,
      dailyMinTransactions: 100,
      webhook: { url: SECRET },
      sns: {
        topicArn: 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts.fifo',
        region: 'eu-west-1',
        fifo: true,
      },
    });
    const o = alertConfigFromEnv({
      FRAUD_ALERT_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts',
      FRAUD_ALERT_SNS_REGION: 'us-east-1',
      FRAUD_ALERT_SNS_ENDPOINT: 'http://127.0.0.1:4566',
    });
    expect(o.sns).toEqual({
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      fifo: false,
    });
  });

  test('every bad value is reported by name, at once, with what was given', () => {
    const p = problems({
      FRAUD_ALERT_HIGH_RISK_SCORE: 'high',
      FRAUD_ALERT_DAILY_RATE: '5',
      FRAUD_ALERT_DAILY_MIN_TRANSACTIONS: '2.5',
      FRAUD_ALERT_SNS_TOPIC_ARN: 'fraud-alerts',
    });
    expect(p).toHaveLength(4);
    expect(p[0]).toMatch(/^FRAUD_ALERT_HIGH_RISK_SCORE: must be a number.*\(got "high"\)$/);
    expect(p.join('\n')).toContain(
      'FRAUD_ALERT_DAILY_RATE: must be a fraction in (0, 1), e.g. 0.01 for 1% (got "5")',
    );
    expect(p.join('\n')).toContain('FRAUD_ALERT_DAILY_MIN_TRANSACTIONS: must be a whole number');
    expect(p.join('\n')).toContain('FRAUD_ALERT_SNS_TOPIC_ARN: must be an SNS topic ARN');
    expect(problems({ FRAUD_ALERT_HIGH_RISK_SCORE: '0' })[0]).toContain('(0, 1]');
    expect(problems({ FRAUD_ALERT_HIGH_RISK_SCORE: 'Infinity' })).toHaveLength(1);
    expect(problems({ FRAUD_ALERT_SNS_REGION: 'eu-west-1' })[0]).toContain(
      'FRAUD_ALERT_SNS_TOPIC_ARN is not',
    );
  });

  test('a bad webhook URL is refused without echoing it', () => {
    const secretish = 'hooks.slack.com/services/T000/B000/XXXXsecret';
    const p = problems({ FRAUD_ALERT_WEBHOOK_URL: secretish });
    expect(p).toEqual([
      'FRAUD_ALERT_WEBHOOK_URL: must be an http(s) URL (e.g. a Slack incoming-webhook URL)',
    ]);
    expect(problems({ FRAUD_ALERT_WEBHOOK_URL: 'ftp://example.com/x' })).toHaveLength(1);
  });

  test('the start-up line names the channels and hides the webhook secret', () => {
    const line = describeAlertConfig(
      alertConfigFromEnv({
        FRAUD_ALERT_WEBHOOK_URL: SECRET,
        FRAUD_ALERT_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:fraud-alerts',
      }),
    );
    expect(line).toBe(
      'alerts: high-risk score ≥ 0.9, daily fraud rate > 1% (days with ≥ 100 transactions); channels: feed, ' +
        'webhook https://hooks.slack.com/…abcd, sns arn:aws:sns:eu-west-1:123456789012:fraud-alerts',
    );
    expect(line).not.toContain('secret');
  });
});

describe('redaction', () => {
  test('keeps the origin and four characters', () => {
    expect(redactUrl(SECRET)).toBe('https://hooks.slack.com/…abcd');
    expect(redactUrl('https://example.com/hook?token=s3cr3tvalue')).toBe('https://example.com/…alue');
    expect(redactUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/…');
    expect(redactUrl('not a url')).toBe('<redacted>');
  });

  test('scrubs the URL and its path out of error text', () => {
    const text = `request to ${SECRET} failed; path /services/T000/B000/XXXXsecretXXXXabcd`;
    const out = scrub(text, SECRET);
    expect(out).not.toContain('secret');
    expect(out).toContain('https://hooks.slack.com/…abcd');
  });
});
