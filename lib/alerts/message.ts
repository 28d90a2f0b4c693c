// How an alert reads outside the console: a Slack-compatible payload (plain `text` for any
// compatible receiver plus Block Kit `blocks` for Slack) and an SNS message (a subject, readable text
// for e-mail/SMS subscribers and the alert as JSON for queue/Lambda/HTTP subscribers).
import type { Alert } from '@/lib/store';

/** Slack mrkdwn treats &, <, > as markup; merchant names and ids must not become links or mentions. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const LABEL: Record<Alert['kind'], string> = {
  high_risk_item: 'High-risk transaction',
  fraud_rate_breach: 'Fraud-rate breach',
};

/** Label/value pairs for the fields an alert of this kind carries. */
function facts(alert: Alert): [string, string][] {
  const out: [string, string][] = [['Severity', alert.severity]];
  if (alert.transaction_id) out.push(['Transaction', alert.transaction_id]);
  if (alert.score !== undefined) out.push(['Score', alert.score.toFixed(3)]);
  if (alert.card_id) out.push(['Card', alert.card_id]);
  if (alert.terminal_id) out.push(['Terminal', alert.terminal_id]);
  if (alert.day) out.push(['Day', alert.day]);
  if (alert.rate !== undefined) out.push(['Fraud rate', `${(alert.rate * 100).toFixed(2)}%`]);
  if (alert.threshold !== undefined)
    out.push([
      'Threshold',
      alert.kind === 'fraud_rate_breach' ? `${(alert.threshold * 100).toFixed(2)}%` : String(alert.threshold),
    ]);
  return out;
}

export interface WebhookPayload {
  text: string;
  blocks: unknown[];
}

export function webhookPayload(alert: Alert): WebhookPayload {
  const icon = alert.severity === 'critical' ? ':rotating_light:' : ':warning:';
  return {
    // Shown in notifications and by receivers that ignore blocks (Mattermost, Rocket.Chat, Teams bridges).
    text: `${icon} ${escapeMrkdwn(alert.title)}`,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(`${LABEL[alert.kind]} (${alert.severity})`, 150) },
      },
      { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(alert.title), 3000) } },
      {
        type: 'section',
        fields: facts(alert)
          .slice(0, 10)
          .map(([label, value]) => ({
            type: 'mrkdwn',
            text: `*${label}*\n${clip(escapeMrkdwn(value), 1900)}`,
          })),
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `alert \`${escapeMrkdwn(alert.alert_id)}\` · ${alert.at}` }],
      },
    ],
  };
}

export interface SnsMessage {
  /** ≤ 100 printable ASCII characters, one line (SNS rejects anything else). */
  subject: string;
  /** A `MessageStructure: 'json'` body: one message per subscription protocol. */
  message: string;
}

export function snsMessage(alert: Alert): SnsMessage {
  const subject = clip(
    `[${alert.severity}] ${LABEL[alert.kind]}: ${alert.transaction_id ?? alert.day ?? alert.alert_id}`,
    100,
  ).replace(/[^\x20-\x7e]/g, '?');
  const text = [
    alert.title,
    '',
    ...facts(alert).map(([k, v]) => `${k}: ${v}`),
    `Alert: ${alert.alert_id}`,
    `At: ${alert.at}`,
  ].join('\n');
  const { acknowledged_at: _a, acknowledged_by: _b, deliveries: _d, ...record } = alert;
  const json = JSON.stringify(record);
  return {
    subject,
    message: JSON.stringify({
      default: text,
      email: text,
      sms: clip(alert.title, 140),
      sqs: json,
      lambda: json,
      http: json,
      https: json,
      firehose: json,
    }),
  };
}
