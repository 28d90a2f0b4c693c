import { describe, expect, test } from 'vitest';

import { alertSchema } from '@/lib/store';

import { fraudRateAlert, highRiskAlert, type HighRiskInput } from './rules';

const input = (score: number, patch: Partial<HighRiskInput['transaction']> = {}): HighRiskInput => ({
  transaction: {
    transaction_id: 'TX42',
    card_id: 'C7',
    terminal_id: 'T9',
    amount: 1234.5,
    currency: 'EUR',
    merchant_name: 'Corner Shop',
    mcc: '5411',
    channel: 'ecommerce',
    ...patch,
  },
  score,
  flaggedAt: new Date('2025-03-01T10:00:00Z'),
});

describe('high-risk rule', () => {
  test('fires at and above the configured score, not below, not for NaN', () => {
    expect(highRiskAlert(input(0.9), { highRiskScore: 0.9 })).not.toBeNull();
    expect(highRiskAlert(input(0.99), { highRiskScore: 0.9 })).not.toBeNull();
    expect(highRiskAlert(input(0.8999), { highRiskScore: 0.9 })).toBeNull();
    expect(highRiskAlert(input(Number.NaN), { highRiskScore: 0.9 })).toBeNull();
    expect(highRiskAlert(input(0.95), { highRiskScore: 0.96 })).toBeNull();
  });

  test('id comes from the transaction; re-raising gives the identical, schema-valid record', () => {
    const a = highRiskAlert(input(0.97), { highRiskScore: 0.9, now: new Date('2030-01-01T00:00:00Z') });
    const b = highRiskAlert(input(0.97), { highRiskScore: 0.9 });
    expect(a).toEqual(b);
    expect(alertSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      alert_id: 'high_risk#TX42',
      kind: 'high_risk_item',
      at: '2025-03-01T10:00:00.000Z',
      severity: 'critical',
      transaction_id: 'TX42',
      card_id: 'C7',
      terminal_id: 'T9',
      score: 0.97,
      threshold: 0.9,
    });
    expect(a?.title).toBe(
      'High-risk transaction TX42: score 0.970 ≥ 0.9 — 1234.50 EUR at Corner Shop (MCC 5411, ecommerce), card C7',
    );
  });

  test('a very long merchant name keeps the title within the schema limit', () => {
    const a = highRiskAlert(input(0.95, { merchant_name: 'x'.repeat(5000) }), { highRiskScore: 0.9 });
    expect(alertSchema.parse(a).title.length).toBeLessThanOrEqual(500);
  });
});

describe('daily fraud-rate rule', () => {
  const now = new Date('2025-03-02T03:00:00Z');
  const day = (frauds: number, transactions = 10_000, flagged = 300) => ({
    day: '2025-03-01',
    transactions,
    flagged,
    frauds,
  });

  test('fires strictly above the threshold, with the day in the id', () => {
    expect(fraudRateAlert(day(100), { dailyFraudRate: 0.01, now })).toBeNull(); // exactly 1%
    const a = fraudRateAlert(day(101), { dailyFraudRate: 0.01, now });
    expect(alertSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      alert_id: 'fraud_rate#2025-03-01',
      kind: 'fraud_rate_breach',
      at: '2025-03-02T03:00:00.000Z',
      severity: 'warning',
      day: '2025-03-01',
      rate: 0.0101,
      threshold: 0.01,
    });
    expect(a?.title).toBe(
      'Fraud rate 1.01% on 2025-03-01 is over the 1.00% threshold — 101 frauds in 10000 transactions, 300 flagged (3.00%)',
    );
  });

  test('critical at twice the threshold; same id on a re-run', () => {
    const a = fraudRateAlert(day(200), { dailyFraudRate: 0.01, now });
    const b = fraudRateAlert(day(250), { dailyFraudRate: 0.01, now: new Date() });
    expect(a?.severity).toBe('critical');
    expect(b?.alert_id).toBe(a?.alert_id);
  });

  test('with labels given, the rate is frauds / labelled (the dashboard definition); volume is labelled', () => {
    const lakeDay = {
      day: '2025-03-01',
      transactions: 10_000,
      frauds: 30,
      labelled: 2_000,
      fraudRate: 0.015,
    };
    const a = fraudRateAlert(lakeDay, { dailyFraudRate: 0.01, minTransactions: 100, now });
    expect(a).toMatchObject({ rate: 0.015, severity: 'warning' });
    expect(a?.title).toBe(
      'Fraud rate 1.50% on 2025-03-01 is over the 1.00% threshold — 30 frauds in 2000 labelled of 10000 transactions',
    );
    expect(
      fraudRateAlert(
        { ...lakeDay, labelled: 60, frauds: 30 },
        { dailyFraudRate: 0.01, minTransactions: 100 },
      ),
    ).toBeNull();
  });

  test('days below the minimum volume, or empty, are not judged', () => {
    expect(fraudRateAlert(day(5, 50, 5), { dailyFraudRate: 0.01, minTransactions: 100, now })).toBeNull();
    expect(fraudRateAlert(day(5, 50, 5), { dailyFraudRate: 0.01, now })).not.toBeNull();
    expect(fraudRateAlert(day(0, 0, 0), { dailyFraudRate: 0.01, now })).toBeNull();
  });

  test('bad counts are a caller bug and throw', () => {
    expect(() => fraudRateAlert({ ...day(1), day: '2025-02-30' }, { dailyFraudRate: 0.01 })).toThrow(
      /real YYYY-MM-DD/,
    );
    expect(() => fraudRateAlert({ ...day(1), day: '1/3/2025' }, { dailyFraudRate: 0.01 })).toThrow(
      /real YYYY-MM-DD/,
    );
    expect(() => fraudRateAlert(day(-1), { dailyFraudRate: 0.01 })).toThrow(/frauds/);
    expect(() => fraudRateAlert(day(1.5), { dailyFraudRate: 0.01 })).toThrow(/frauds/);
    expect(() => fraudRateAlert(day(20, 10, 0), { dailyFraudRate: 0.01 })).toThrow(/frauds ≤ labelled/);
    expect(() => fraudRateAlert({ ...day(1), labelled: 20_000 }, { dailyFraudRate: 0.01 })).toThrow(
      /labelled/,
    );
    expect(() => fraudRateAlert({ ...day(1), labelled: 0.5 }, { dailyFraudRate: 0.01 })).toThrow(/labelled/);
  });
});
