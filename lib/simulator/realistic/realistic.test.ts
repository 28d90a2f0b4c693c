import { createHash } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { transactionSchema, type Transaction } from '@/lib/schema/transaction';

import { CsvEncoder } from '../csv';
import { simulate } from '../index';
import { dayAfter, defaultOptions, REALISTIC_SCENARIOS, type SimulateOptions } from '../options';
import { CONTACTLESS_LIMIT, COUNTRIES } from './catalog';

const options: SimulateOptions = { ...defaultOptions('realistic'), start: '2025-01-01' };
const currencyOf = Object.fromEntries(COUNTRIES.map((c) => [c.code, c.currency]));
const offsetOf = Object.fromEntries(COUNTRIES.map((c) => [c.code, c.utcOffset]));

interface Stats {
  total: number;
  frauds: number;
  byScenario: Map<string, Transaction[]>;
  channel: Record<string, number>;
  cardCountry: Record<string, number>;
  foreign: number;
  byWeekday: number[];
  legitAmounts: number[];
  legitSmallHours: number;
  problems: string[];
  sampled: Transaction[];
  ids: Set<string>;
}

/** One pass over the default run; plain checks per record, assertions on the aggregates. */
function collect(): Stats {
  const s: Stats = {
    total: 0,
    frauds: 0,
    byScenario: new Map(),
    channel: {},
    cardCountry: {},
    foreign: 0,
    byWeekday: new Array<number>(7).fill(0),
    legitAmounts: [],
    legitSmallHours: 0,
    problems: [],
    sampled: [],
    ids: new Set(),
  };
  for (const { day, transactions } of simulate(options)) {
    s.byWeekday[new Date(`${day}T00:00:00Z`).getUTCDay()]! += transactions.length;
    let previous = '';
    for (const tx of transactions) {
      s.total++;
      s.ids.add(tx.transaction_id);
      if (s.total % 211 === 0) s.sampled.push(tx);
      s.channel[tx.channel] = (s.channel[tx.channel] ?? 0) + 1;
      s.cardCountry[tx.card_country] = (s.cardCountry[tx.card_country] ?? 0) + 1;
      if (tx.card_country !== tx.merchant_country) s.foreign++;
      if (!tx.timestamp.startsWith(day) || tx.timestamp < previous)
        s.problems.push(`${tx.transaction_id} time`);
      previous = tx.timestamp;
      if (currencyOf[tx.merchant_country] !== tx.currency) s.problems.push(`${tx.transaction_id} currency`);
      if (tx.channel === 'contactless' && tx.amount > CONTACTLESS_LIMIT)
        s.problems.push(`${tx.transaction_id} contactless`);
      if (tx.is_fraud) {
        s.frauds++;
        const name = tx.fraud_scenario ?? '(none)';
        const list = s.byScenario.get(name) ?? [];
        list.push(tx);
        s.byScenario.set(name, list);
      } else {
        if (tx.fraud_scenario !== undefined)
          s.problems.push(`${tx.transaction_id} scenario on a legitimate row`);
        if (s.legitAmounts.length < 200_000) s.legitAmounts.push(tx.amount);
        const hour = Number(tx.timestamp.slice(11, 13));
        if (hour >= 2 && hour < 5) s.legitSmallHours++;
      }
    }
  }
  return s;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const shareOf = (txs: Transaction[], pred: (t: Transaction) => boolean) =>
  share(txs.filter(pred).length, txs.length);
/** Local hour of a transaction for a cardholder at home. */
const homeHour = (t: Transaction) =>
  (Number(t.timestamp.slice(11, 13)) + (offsetOf[t.card_country] ?? 0) + 24) % 24;

describe('realistic profile', () => {
  let s: Stats;
  beforeAll(() => {
    s = collect();
  });

  it('emits valid, time-sorted, uniquely identified records', () => {
    expect(s.problems.slice(0, 5)).toEqual([]);
    expect(s.ids.size).toBe(s.total);
    for (const tx of s.sampled) expect(transactionSchema.parse(tx)).toEqual(tx);
    expect(s.total).toBeGreaterThan(500_000);
  });

  it('has a fraud rate in the realistic range, every fraud labelled with a known scenario', () => {
    const rate = share(s.frauds, s.total);
    expect(rate).toBeGreaterThan(0.003);
    expect(rate).toBeLessThan(0.009);
    expect([...s.byScenario.keys()].sort()).toEqual([...REALISTIC_SCENARIOS].sort());
    for (const name of REALISTIC_SCENARIOS) expect(s.byScenario.get(name)?.length ?? 0).toBeGreaterThan(100);
  });

  it('has plausible channel, country and rhythm shares', () => {
    expect(share(s.channel.ecommerce ?? 0, s.total)).toBeGreaterThan(0.08);
    expect(share(s.channel.ecommerce ?? 0, s.total)).toBeLessThan(0.3);
    expect(share(s.channel.contactless ?? 0, s.total)).toBeGreaterThan(0.25);
    expect(share(s.channel.chip ?? 0, s.total)).toBeGreaterThan(0.25);
    expect(share(s.channel.swipe ?? 0, s.total)).toBeLessThan(0.08);
    expect(share(s.cardCountry.FR ?? 0, s.total)).toBeGreaterThan(0.6);
    expect(Object.keys(s.cardCountry).length).toBeGreaterThanOrEqual(7);
    expect(share(s.foreign, s.total)).toBeGreaterThan(0.04);
    expect(share(s.foreign, s.total)).toBeLessThan(0.2);
    // Fridays are busier than Sundays; the small hours are quiet.
    expect(s.byWeekday[5]!).toBeGreaterThan(1.3 * s.byWeekday[0]!);
    expect(share(s.legitSmallHours, s.total)).toBeLessThan(0.05);
  });

  it('leaves each fraud pattern its characteristic signal', () => {
    const get = (name: string) => s.byScenario.get(name) ?? [];
    const legitMedian = median(s.legitAmounts);

    const testing = get('card_testing');
    expect(shareOf(testing, (t) => t.channel === 'ecommerce')).toBe(1);
    expect(shareOf(testing, (t) => t.amount < 5)).toBeGreaterThan(0.7);
    expect(shareOf(testing, (t) => t.mcc === '5816')).toBeGreaterThan(0.7);

    const takeover = get('account_takeover');
    expect(shareOf(takeover, (t) => t.channel === 'ecommerce')).toBe(1);
    expect(median(takeover.map((t) => t.amount))).toBeGreaterThan(10 * legitMedian);
    expect(shareOf(takeover, (t) => homeHour(t) < 6)).toBeGreaterThan(0.5);
    expect(shareOf(takeover, (t) => t.card_country !== t.merchant_country)).toBeGreaterThan(0.5);

    const skimmed = get('skimmed_card');
    expect(shareOf(skimmed, (t) => t.channel === 'swipe')).toBeGreaterThan(0.7);
    expect(median(skimmed.map((t) => t.amount))).toBeGreaterThan(3 * legitMedian);

    expect(shareOf(get('compromised_terminal'), (t) => t.channel !== 'ecommerce')).toBe(1);
    expect(shareOf(get('compromised_card'), (t) => t.channel === 'ecommerce')).toBe(1);

    const stolen = get('lost_stolen_card');
    expect(shareOf(stolen, (t) => t.channel !== 'ecommerce' && t.card_country === t.merchant_country)).toBe(
      1,
    );
  });

  it('is deterministic for a seed and changes with it', () => {
    const small: SimulateOptions = { ...options, days: 20, customers: 600, terminals: 300 };
    const digest = (o: SimulateOptions) => {
      const hash = createHash('sha256');
      const encoder = new CsvEncoder();
      for (const { transactions } of simulate(o)) hash.update(encoder.encode(transactions));
      return hash.digest('hex');
    };
    expect(digest(small)).toBe(digest(small));
    expect(digest({ ...small, seed: 9 })).not.toBe(digest(small));
    // Day d depends only on days before it: a shorter run is a prefix of a longer one.
    const firstFive = createHash('sha256');
    const encoder = new CsvEncoder();
    for (const { transactions } of [...simulate(small)].slice(0, 5))
      firstFive.update(encoder.encode(transactions));
    expect(digest({ ...small, days: 5 })).toBe(firstFive.digest('hex'));
  });

  it('by default ends yesterday, so the demo data is current', () => {
    const now = new Date('2026-03-15T10:00:00Z');
    const o = defaultOptions('realistic', now);
    expect(dayAfter(o.start, o.days - 1)).toBe('2026-03-14');
  });
});
