import { describe, expect, test } from 'vitest';

import { isReasonFor } from '@/lib/review/reasons';
import { REALISTIC_SCENARIOS } from '@/lib/simulator/options';

import { DEMO_RATES, demoDecision, type DemoItem } from './demo-decision';

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 3, 0, 0);

function item(i: number, isFraud: boolean | undefined): DemoItem {
  return {
    transactionId: `tx${i}`,
    tx: {
      is_fraud: isFraud,
      ...(isFraud ? { fraud_scenario: REALISTIC_SCENARIOS[i % REALISTIC_SCENARIOS.length] } : {}),
      amount: 5 + (i % 97) * 11,
      channel: i % 3 === 0 ? 'ecommerce' : 'chip',
    },
    // Spread over every hour of the day and several days.
    flaggedAt: new Date(T0 + i * 7 * MIN),
  };
}

describe('demoDecision', () => {
  const N = 20_000;
  const frauds = Array.from({ length: N }, (_, i) => demoDecision(item(i, true), 42)!);
  const legit = Array.from({ length: N }, (_, i) => demoDecision(item(N + i, false), 42)!);
  const share = (list: typeof frauds, outcome: string) =>
    list.filter((d) => d.outcome === outcome).length / N;

  test('error and escalation rates match the configured ones', () => {
    // Binomial standard error at N = 20,000 is about 0.12 % for 3 %; allow about 4 of them.
    expect(share(frauds, 'legitimate')).toBeCloseTo(DEMO_RATES.missRate * (1 - DEMO_RATES.escalateRate), 2);
    expect(share(legit, 'fraud')).toBeCloseTo(DEMO_RATES.falseAlarmRate * (1 - DEMO_RATES.escalateRate), 2);
    expect(share(frauds, 'escalate')).toBeCloseTo(DEMO_RATES.escalateRate, 2);
    expect(share(legit, 'escalate')).toBeCloseTo(DEMO_RATES.escalateRate, 2);
    expect(frauds.filter((d) => d.correct === false).every((d) => d.outcome === 'legitimate')).toBe(true);
  });

  test('every reason belongs to its outcome; fraud reasons mostly follow the scenario', () => {
    for (const d of [...frauds, ...legit]) expect(isReasonFor(d.outcome, d.reason)).toBe(true);
    const stolen = frauds.filter((d, i) => d.outcome === 'fraud' && i % REALISTIC_SCENARIOS.length === 5);
    const matching = stolen.filter((d) => d.reason === 'stolen_card').length / stolen.length;
    expect(matching).toBeGreaterThan(0.85);
    expect(matching).toBeLessThan(0.97);
  });

  test('claimed minutes to hours after flagging, within working hours, decided minutes later', () => {
    const waits: number[] = [];
    [...frauds, ...legit].forEach((d, i) => {
      const flagged = new Date(item(i, true).flaggedAt).getTime();
      const wait = d.claimAt.getTime() - flagged;
      const handle = d.decideAt.getTime() - d.claimAt.getTime();
      expect(wait).toBeGreaterThanOrEqual(2 * MIN);
      expect(wait).toBeLessThan(20 * 60 * MIN);
      expect(handle).toBeGreaterThanOrEqual(MIN);
      expect(handle).toBeLessThanOrEqual(90 * MIN);
      const hour = d.claimAt.getUTCHours();
      expect(hour >= 7 && hour < 22).toBe(true);
      waits.push(wait);
    });
    waits.sort((a, b) => a - b);
    const median = waits[waits.length >> 1]!;
    expect(median).toBeGreaterThan(20 * MIN);
    expect(median).toBeLessThan(4 * 60 * MIN);
  });

  test('deterministic for a seed, different across seeds, null without a label', () => {
    expect(demoDecision(item(7, true), 42)).toEqual(frauds[7]);
    const other = Array.from({ length: 200 }, (_, i) => demoDecision(item(i, true), 43)!);
    expect(other.map((d) => d.claimAt.getTime())).not.toEqual(
      frauds.slice(0, 200).map((d) => d.claimAt.getTime()),
    );
    expect(demoDecision(item(1, undefined), 42)).toBeNull();
  });
});
