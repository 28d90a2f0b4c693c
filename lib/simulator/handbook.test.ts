import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { transactionSchema } from '@/lib/schema/transaction';

import { CsvEncoder } from './csv';
import { simulate } from './index';
import { defaultOptions, HANDBOOK_SCENARIOS, type SimulateOptions } from './options';

/** The Handbook's published run (chapter 3): 1,754,155 transactions, 14,681 frauds. */
const HANDBOOK_TRANSACTIONS = 1_754_155;
const HANDBOOK_FRAUD_RATE = 14_681 / 1_754_155;

const digest = (o: SimulateOptions): string => {
  const hash = createHash('sha256');
  const encoder = new CsvEncoder();
  for (const { transactions } of simulate(o)) hash.update(encoder.encode(transactions));
  return hash.digest('hex');
};

describe('handbook profile', () => {
  it('reproduces the Handbook default run: count within 3%, fraud rate within 15%', () => {
    let count = 0;
    let frauds = 0;
    const perScenario: Record<string, number> = {};
    let lastDay = '';
    for (const { day, transactions } of simulate(defaultOptions('handbook'))) {
      expect(day > lastDay).toBe(true);
      lastDay = day;
      count += transactions.length;
      for (const tx of transactions) {
        if (!tx.is_fraud) continue;
        frauds++;
        perScenario[tx.fraud_scenario!] = (perScenario[tx.fraud_scenario!] ?? 0) + 1;
      }
    }
    expect(lastDay).toBe('2018-09-30');
    expect(Math.abs(count / HANDBOOK_TRANSACTIONS - 1)).toBeLessThan(0.03);
    expect(Math.abs(frauds / count / HANDBOOK_FRAUD_RATE - 1)).toBeLessThan(0.15);
    // The Handbook's mix: compromised terminals dominate, then cards, then the amount rule.
    const [amount, terminal, card] = HANDBOOK_SCENARIOS.map((s) => perScenario[s] ?? 0);
    expect(terminal).toBeGreaterThan(card!);
    expect(card).toBeGreaterThan(amount!);
    expect(amount).toBeGreaterThan(0);
  });

  const small: SimulateOptions = { ...defaultOptions('handbook'), days: 40, customers: 800, terminals: 1500 };

  it('is deterministic for a seed and changes with it', () => {
    expect(digest(small)).toBe(digest(small));
    expect(digest({ ...small, seed: 1 })).not.toBe(digest(small));
  });

  it('writes a longer run whose first days equal the shorter run', () => {
    expect(digest({ ...small, days: 10 })).toBe(
      (() => {
        const hash = createHash('sha256');
        const encoder = new CsvEncoder();
        let d = 0;
        for (const { transactions } of simulate(small)) {
          if (d++ === 10) break;
          hash.update(encoder.encode(transactions));
        }
        return hash.digest('hex');
      })(),
    );
  });

  it('emits valid, time-sorted records with the documented constants and labels', () => {
    const ids = new Set<string>();
    const problems: string[] = [];
    let total = 0;
    for (const { day, transactions } of simulate(small)) {
      let previous = '';
      transactions.forEach((tx, i) => {
        total++;
        ids.add(tx.transaction_id);
        // Plain checks per record (expect() per record would dominate the test's time).
        if (!tx.timestamp.startsWith(day)) problems.push(`${tx.transaction_id} not on ${day}`);
        if (tx.timestamp < previous) problems.push(`${tx.transaction_id} out of order`);
        previous = tx.timestamp;
        if (new Date(Date.parse(tx.timestamp)).toISOString() !== tx.timestamp)
          problems.push(`${tx.timestamp} not ISO`);
        if (tx.is_fraud !== (tx.fraud_scenario !== undefined))
          problems.push(`${tx.transaction_id} label mismatch`);
        if (tx.fraud_scenario === 'amount_over_220' && !(tx.amount > 220))
          problems.push(`${tx.transaction_id} small amount`);
        if (tx.merchant_name !== `Terminal ${tx.terminal_id}`)
          problems.push(`${tx.transaction_id} merchant name`);
        if (i % 97 === 0) expect(transactionSchema.parse(tx)).toEqual(tx);
      });
      expect(transactions[0]).toMatchObject({
        mcc: '5999',
        currency: 'EUR',
        channel: 'chip',
        card_country: 'BE',
        merchant_country: 'BE',
      });
      expect(transactions[0]!.card_id).toMatch(/^C\d{5}$/);
      expect(transactions[0]!.terminal_id).toMatch(/^T\d{5}$/);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(ids.size).toBe(total);
  });

  it('makes no transactions for customers with no terminal within reach', () => {
    // One terminal on the 100×100 grid: nearly every customer is out of reach.
    const lonely = [...simulate({ ...small, days: 5, customers: 200, terminals: 1 })];
    const cards = new Set(lonely.flatMap((d) => d.transactions.map((t) => t.card_id)));
    expect(cards.size).toBeLessThan(10);
  });
});
