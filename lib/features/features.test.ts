import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { Transaction } from '@/lib/schema/transaction';
import { simulate } from '@/lib/simulator';

import {
  batchFeatures,
  contextFromSnapshot,
  DAY_MS,
  FEATURE_SETS,
  FEATURES,
  FeatureState,
  featureVector,
  LABEL_DELAY_DAYS,
  type FeatureSetName,
  type FeatureStateSnapshotV1,
} from './index';
import { Timeline, type PackedTimeline } from './timeline';

const T0 = Date.UTC(2024, 4, 15, 12, 0, 0); // Wednesday 2024-05-15 12:00 UTC

function tx(id: string, ms: number, over: Partial<Transaction> = {}): Transaction {
  return {
    transaction_id: id,
    timestamp: new Date(ms).toISOString(),
    card_id: 'C1',
    terminal_id: 'T1',
    merchant_name: 'Shop',
    mcc: '5411',
    amount: 10,
    currency: 'EUR',
    channel: 'chip',
    card_country: 'FR',
    merchant_country: 'FR',
    is_fraud: false,
    ...over,
  };
}

/** Named view of a realistic vector, so assertions read like the definitions. */
function named(vector: readonly number[], set: FeatureSetName = 'realistic'): Record<string, number> {
  return Object.fromEntries(FEATURE_SETS[set].map((name, i) => [name, vector[i]!]));
}

function run(
  history: Transaction[],
  current: Transaction,
  set: FeatureSetName = 'realistic',
): Record<string, number> {
  const state = new FeatureState();
  for (const h of history) state.add(h);
  return named(featureVector(current, state.context(current), set), set);
}

describe('feature sets', () => {
  it('handbook is exactly the Handbook 15; handbook_plus extends it, realistic shares its first derived features', () => {
    expect(FEATURE_SETS.handbook).toEqual([
      'tx_amount',
      'tx_during_weekend',
      'tx_during_night',
      'customer_id_nb_tx_1day_window',
      'customer_id_avg_amount_1day_window',
      'customer_id_nb_tx_7day_window',
      'customer_id_avg_amount_7day_window',
      'customer_id_nb_tx_30day_window',
      'customer_id_avg_amount_30day_window',
      'terminal_id_nb_tx_1day_window',
      'terminal_id_risk_1day_window',
      'terminal_id_nb_tx_7day_window',
      'terminal_id_risk_7day_window',
      'terminal_id_nb_tx_30day_window',
      'terminal_id_risk_30day_window',
    ]);
    expect(FEATURE_SETS.handbook_plus.slice(0, 15)).toEqual(FEATURE_SETS.handbook);
    // realistic begins with handbook_plus's first 24 features (the committed model was trained on
    // them); the derived features after those are handbook_plus's own.
    const shared = FEATURE_SETS.handbook_plus.indexOf('terminal_id_risk_since_first_fraud_30day_window') + 1;
    expect(shared).toBe(24);
    expect(FEATURE_SETS.realistic.slice(0, shared)).toEqual(FEATURE_SETS.handbook_plus.slice(0, shared));
    for (const name of FEATURE_SETS.handbook_plus.slice(shared))
      expect(FEATURE_SETS.realistic).not.toContain(name);
    // Every feature is in handbook_plus or realistic, in FEATURES order.
    const inOrder = FEATURES.map((f) => f.name).filter(
      (n) => FEATURE_SETS.handbook_plus.includes(n) || FEATURE_SETS.realistic.includes(n),
    );
    expect(inOrder).toEqual(FEATURES.map((f) => f.name));
    expect(new Set(FEATURES.map((f) => f.name)).size).toBe(FEATURES.length);
  });

  it('docs/FEATURES.md documents every feature with its description', () => {
    const doc = readFileSync('docs/FEATURES.md', 'utf8');
    for (const f of FEATURES) expect(doc).toContain(`| \`${f.name}\` |`);
    for (const f of FEATURES) expect(doc).toContain(f.description);
  });

  it('returns a vector of the set length for every set', () => {
    for (const set of ['handbook', 'handbook_plus', 'realistic'] as const) {
      expect(featureVector(tx('a', T0), new FeatureState().context(tx('a', T0)), set)).toHaveLength(
        FEATURE_SETS[set].length,
      );
    }
  });
});

describe('card windows (t - N days, t], this transaction included', () => {
  const history = [
    tx('h1', T0 - 40 * DAY_MS, { amount: 1000 }), // outside every window
    tx('h2', T0 - 30 * DAY_MS, { amount: 500 }), // exactly 30 days: excluded (window is open on the left)
    tx('h3', T0 - 10 * DAY_MS, { amount: 30 }),
    tx('h4', T0 - 3 * DAY_MS, { amount: 20 }),
    tx('h5', T0 - 2 * 3_600_000, { amount: 5 }),
  ];
  const f = run(history, tx('now', T0, { amount: 25 }));

  it('counts and averages by hand', () => {
    expect(f.tx_amount).toBe(25);
    expect(f.customer_id_nb_tx_1day_window).toBe(2); // h5 + now
    expect(f.customer_id_avg_amount_1day_window).toBe(15); // (5 + 25) / 2
    expect(f.customer_id_nb_tx_7day_window).toBe(3); // h4, h5, now
    expect(f.customer_id_avg_amount_7day_window).toBeCloseTo(50 / 3, 12);
    expect(f.customer_id_nb_tx_30day_window).toBe(4); // h3, h4, h5, now
    expect(f.customer_id_avg_amount_30day_window).toBe(20); // 80 / 4
  });

  it('derives amount ratio, recency and bursts from the same history', () => {
    expect(f.amount_over_card_avg_30day).toBeCloseTo(25 / (55 / 3), 12);
    expect(f.hours_since_card_prev_tx).toBe(2);
    expect(f.card_nb_tx_1hour_window).toBe(1);
  });

  it('keeps atypical amounts out of the typical mean', () => {
    const hist = [
      tx('a', T0 - 5 * DAY_MS, { amount: 10 }),
      tx('b', T0 - 4 * DAY_MS, { amount: 20 }), // typical mean 15
      tx('c', T0 - 3 * DAY_MS, { amount: 100 }), // 100 > 3 × 15: atypical
      tx('d', T0 - 2 * DAY_MS, { amount: 30 }), // 30 <= 45: typical, typical mean now 20
      tx('e', T0 - 20 * DAY_MS, { amount: 12, card_id: 'C-other' }),
    ];
    const f = run(hist, tx('now', T0, { amount: 100 }));
    expect(f.amount_over_card_typical_30day).toBe(5); // 100 / 20
    expect(f.amount_over_card_avg_30day).toBeCloseTo(100 / 40, 12); // the plain mean is dragged up
    expect(f.card_nb_atypical_14day_window).toBe(2); // c and now
    expect(run(hist, tx('now', T0, { amount: 50 })).card_nb_atypical_14day_window).toBe(1);
  });

  it('gives neutral values to a card with no history', () => {
    const g = run([], tx('first', T0, { amount: 42 }));
    expect(g.customer_id_nb_tx_30day_window).toBe(1);
    expect(g.customer_id_avg_amount_30day_window).toBe(42);
    expect(g.amount_over_card_avg_30day).toBe(1);
    expect(g.amount_over_card_typical_30day).toBe(1);
    expect(g.card_nb_atypical_14day_window).toBe(0);
    expect(g.hours_since_card_prev_tx).toBe(-1);
  });

  it('ignores other cards', () => {
    const g = run([tx('o', T0 - 1000, { card_id: 'C2', amount: 999 })], tx('now', T0));
    expect(g.customer_id_nb_tx_1day_window).toBe(1);
  });
});

describe('calendar flags (UTC)', () => {
  it.each([
    ['2024-05-18T10:00:00Z', 1, 0], // Saturday
    ['2024-05-19T23:59:59Z', 1, 0], // Sunday
    ['2024-05-20T06:59:59Z', 0, 1], // Monday, hour 6 is night
    ['2024-05-20T07:00:00Z', 0, 0],
    ['2024-05-17T00:00:00Z', 0, 1], // Friday midnight
  ])('%s → weekend %i, night %i', (iso, weekend, night) => {
    const f = run([], tx('x', Date.parse(iso)));
    expect([f.tx_during_weekend, f.tx_during_night]).toEqual([weekend, night]);
  });
});

describe('terminal windows behind the label delay: no leakage', () => {
  const delay = LABEL_DELAY_DAYS * DAY_MS;
  const terminalTx = (id: string, agoMs: number, fraud: boolean) =>
    tx(id, T0 - agoMs, { card_id: `other-${id}`, is_fraud: fraud, fraud_scenario: fraud ? 'x' : undefined });

  it('does not count frauds whose labels would not be known yet', () => {
    const history = [
      terminalTx('recent-fraud-1', 1 * DAY_MS, true),
      terminalTx('recent-fraud-2', 6.9 * DAY_MS, true),
      terminalTx('edge', delay, false), // exactly t - delay: inside (window closed on the right)
      terminalTx('in-1day', delay + 0.5 * DAY_MS, true),
      terminalTx('in-7days', delay + 3 * DAY_MS, false),
      terminalTx('in-30days', delay + 20 * DAY_MS, true),
      terminalTx('too-old', delay + 31 * DAY_MS, true),
    ];
    const f = run(history, tx('now', T0));
    expect(f.terminal_id_nb_tx_1day_window).toBe(2); // edge, in-1day
    expect(f.terminal_id_risk_1day_window).toBe(0.5);
    expect(f.terminal_id_nb_tx_7day_window).toBe(3);
    expect(f.terminal_id_risk_7day_window).toBeCloseTo(1 / 3, 12);
    expect(f.terminal_id_nb_tx_30day_window).toBe(4);
    expect(f.terminal_id_risk_30day_window).toBe(0.5);
    expect(f.terminal_id_nb_fraud_30day_window).toBe(2);
    // The earliest fraud ever seen (too-old) is known; the recent ones would not change this anyway.
    expect(f.terminal_id_days_since_first_known_fraud).toBeCloseTo(LABEL_DELAY_DAYS + 31, 9);
    // Within the 30-day window the first fraud is in-30days (in-1day is later); too-old is outside.
    expect(f.terminal_id_days_since_first_fraud_30day_window).toBe(LABEL_DELAY_DAYS + 20); // whole UTC days
    // From in-30days to the window's end: in-30days (fraud), in-7days, in-1day (fraud), edge → 2 / 4.
    expect(f.terminal_id_risk_since_first_fraud_30day_window).toBe(0.5);
  });

  it('a terminal whose only frauds are inside the delay looks clean', () => {
    const history = [
      terminalTx('a', 2 * DAY_MS, true),
      terminalTx('b', 5 * DAY_MS, true),
      terminalTx('c', 6.99 * DAY_MS, true),
    ];
    const f = run(history, tx('now', T0));
    for (const d of [1, 7, 30]) {
      expect(f[`terminal_id_nb_tx_${d}day_window`]).toBe(0);
      expect(f[`terminal_id_risk_${d}day_window`]).toBe(0);
      expect(f[`terminal_id_nb_fraud_${d}day_window`]).toBe(0);
    }
    expect(f.terminal_id_days_since_first_known_fraud).toBe(-1);
    expect(f.terminal_id_days_since_first_fraud_30day_window).toBe(-1);
    expect(f.terminal_id_risk_since_first_fraud_30day_window).toBe(0);
  });

  it('the label of the current transaction never reaches its own features', () => {
    const clean = run([], tx('now', T0, { is_fraud: false }));
    const fraud = run([], tx('now', T0, { is_fraud: true, fraud_scenario: 'x' }));
    expect(fraud).toEqual(clean);
  });
});

describe('handbook_plus-only features', () => {
  const delay = LABEL_DELAY_DAYS * DAY_MS;
  const day = (ms: number) => Math.floor(ms / DAY_MS);
  // Each history transaction on its own card, with a 10-unit amount history so typical is defined.
  const at = (id: string, agoMs: number, fraud: boolean, amount = 10): Transaction[] => [
    tx(`${id}-h`, T0 - agoMs - DAY_MS, { card_id: `card-${id}`, terminal_id: 'T-other', amount: 10 }),
    tx(id, T0 - agoMs, {
      card_id: `card-${id}`,
      amount,
      is_fraud: fraud,
      fraud_scenario: fraud ? 'x' : undefined,
    }),
  ];

  it('describes the trailing fraud run, fraud days and typical frauds behind the delay', () => {
    const history = [
      ...at('old-fraud', delay + 25 * DAY_MS, true, 100), // atypical for its card (10 × its mean)
      ...at('legit', delay + 12 * DAY_MS, false),
      ...at('run-1', delay + 10 * DAY_MS, true),
      ...at('run-2', delay + 3 * DAY_MS, true),
      ...at('run-3', delay + 3.1 * DAY_MS, true),
      ...at('hidden', 2 * DAY_MS, false), // inside the delay: unknown
    ];
    const f = run(history, tx('now', T0), 'handbook_plus');
    const ago = (ms: number) => day(T0) - day(T0 - ms);
    expect(f.terminal_id_days_since_last_fraud_30day_window).toBe(ago(delay + 3 * DAY_MS));
    expect(f.terminal_id_nb_fraud_days_30day_window).toBe(3); // run-2 and run-3 share a day
    expect(f.terminal_id_nb_fraud_run).toBe(3);
    expect(f.terminal_id_fraud_run_days).toBe(ago(delay + 10 * DAY_MS));
    expect(f.terminal_id_days_since_legit_before_run).toBe(ago(delay + 12 * DAY_MS));
    expect(f.terminal_id_nb_typical_fraud_7day_window).toBe(2); // run-2, run-3
    expect(f.terminal_id_nb_typical_fraud_30day_window).toBe(3); // not old-fraud: its amount was atypical
    expect(f.terminal_id_days_since_first_typical_fraud_30day_window).toBe(ago(delay + 10 * DAY_MS));
    expect(f.terminal_id_days_since_first_fraud_30day_window).toBe(ago(delay + 25 * DAY_MS));
  });

  it('has no run when the last known transaction is legitimate, and 38 when the run fills the window', () => {
    const legitLast = run(
      [...at('f', delay + 5 * DAY_MS, true), ...at('l', delay + DAY_MS, false)],
      tx('now', T0),
      'handbook_plus',
    );
    expect(legitLast.terminal_id_fraud_run_days).toBe(-1);
    expect(legitLast.terminal_id_nb_fraud_run).toBe(0);
    expect(legitLast.terminal_id_days_since_legit_before_run).toBe(-1);
    const allFraud = run(at('f', delay + 5 * DAY_MS, true), tx('now', T0), 'handbook_plus');
    expect(allFraud.terminal_id_nb_fraud_run).toBe(1);
    expect(allFraud.terminal_id_days_since_legit_before_run).toBe(38);
    const none = run([], tx('now', T0), 'handbook_plus');
    expect(none.terminal_id_days_since_last_fraud_30day_window).toBe(-1);
    expect(none.terminal_id_nb_fraud_days_30day_window).toBe(0);
    expect(none.terminal_id_days_since_first_typical_fraud_30day_window).toBe(-1);
    expect(none.amount_over_card_median_30day).toBe(1);
    expect(none.card_days_since_first_atypical_14day).toBe(-1);
  });

  it('divides the amount by the median of the previous 30 days and ages the first atypical amount', () => {
    const hist = [
      tx('a', T0 - 40 * DAY_MS, { amount: 1000 }), // outside 30 days
      tx('b', T0 - 20 * DAY_MS, { amount: 10 }),
      tx('c', T0 - 10 * DAY_MS, { amount: 30 }),
      tx('d', T0 - 5 * DAY_MS, { amount: 20 }),
      tx('e', T0 - 2.5 * DAY_MS, { amount: 200 }), // atypical: over 3 × the typical mean 20
    ];
    const f = run(hist, tx('now', T0, { amount: 50 }), 'handbook_plus');
    expect(f.amount_over_card_median_30day).toBe(2); // median of 10, 30, 20, 200 = 25
    expect(f.card_days_since_first_atypical_14day).toBe(2.5);
  });

  it('reads old snapshots without the typical_fraud column as 0', () => {
    const t = Timeline.fromSnapshot(
      {
        columns: ['fraud'],
        entries: [
          [1, 1],
          [2, 0],
        ],
      },
      ['fraud', 'typical_fraud'],
    );
    expect(t.columns).toEqual(['fraud', 'typical_fraud']);
    expect(t.sum(0, 0, 3)).toBe(1);
    expect(t.sum(1, 0, 3)).toBe(0);
  });
});

describe('richer-schema features', () => {
  it('flags foreign, e-commerce, swipe and card-testing bursts', () => {
    const probes = [1, 2, 3].map((k) =>
      tx(`p${k}`, T0 - k * 300_000, { channel: 'ecommerce', amount: 1, merchant_country: 'US' }),
    );
    const f = run(
      probes,
      tx('big', T0, { channel: 'ecommerce', amount: 900, merchant_country: 'US', mcc: '5732' }),
    );
    expect(f.is_foreign).toBe(1);
    expect(f.is_ecommerce).toBe(1);
    expect(f.is_swipe).toBe(0);
    expect(f.mcc_risk_group).toBe(3);
    expect(f.card_nb_tx_1hour_window).toBe(4);
    expect(f.card_nb_small_ecommerce_1hour_window).toBe(3); // the large one is not a probe
    expect(f.card_nb_foreign_30day_window).toBe(4);
    expect(f.card_nb_ecommerce_30day_window).toBe(4);
    expect(run([], tx('s', T0, { channel: 'swipe', mcc: '9999' }))).toMatchObject({
      is_swipe: 1,
      mcc_risk_group: 0,
      is_foreign: 0,
    });
  });
});

describe('context snapshots (what a review item stores for rescoring)', () => {
  it('recompute the same vector after a JSON round trip, and follow an edited time', () => {
    const days = [
      ...simulate({
        profile: 'realistic',
        start: '2024-03-01',
        days: 12,
        customers: 60,
        terminals: 60,
        seed: 5,
      }),
    ];
    const all = days.flatMap((d) => d.transactions);
    const state = new FeatureState();
    for (const t of all.slice(0, -50)) state.add(t);
    for (const t of all.slice(-50)) {
      const snapshot = JSON.parse(JSON.stringify(state.contextSnapshot(t))) as ReturnType<
        FeatureState['contextSnapshot']
      >;
      expect(featureVector(t, contextFromSnapshot(snapshot))).toEqual(featureVector(t, state.context(t)));
      const later = { ...t, timestamp: new Date(Date.parse(t.timestamp) + 3 * 3_600_000).toISOString() };
      expect(featureVector(later, contextFromSnapshot(snapshot))).toEqual(
        featureVector(later, state.context(later)),
      );
      state.add(t);
    }
  });
});

describe('Timeline', () => {
  it('answers windows exactly after out-of-order adds, eviction and a snapshot round trip', () => {
    const t = new Timeline(['v']);
    for (const [time, v] of [
      [10, 1],
      [30, 3],
      [20, 2],
      [40, 4],
      [5, 100],
    ] as const)
      t.add(time, [v]);
    expect(t.count(5, 40)).toBe(4);
    expect(t.sum(0, 5, 40)).toBe(10);
    expect(t.sum(0, 0, 40)).toBe(110);
    expect(t.timeBefore(t.position(25))).toBe(20);
    expect(t.timeAt(t.firstPositive(0, t.position(7), t.size))).toBe(10);
    expect(t.firstPositive(0, 0, 0)).toBe(-1);
    const copy = Timeline.fromSnapshot(JSON.parse(JSON.stringify(t.snapshot())));
    expect(copy.sum(0, 15, 35)).toBe(5);
    const packed = JSON.parse(JSON.stringify(t.pack())) as PackedTimeline;
    expect(Timeline.fromPacked(packed).snapshot()).toEqual(t.snapshot());
    // By name, as fromSnapshot: a column the packed form lacks reads 0.
    expect(Timeline.fromPacked(packed, ['other', 'v']).snapshot().entries[0]).toEqual([
      t.snapshot().entries[0]![0],
      0,
      t.snapshot().entries[0]![1],
    ]);
    expect(() => Timeline.fromPacked({ ...packed, values: packed.values.slice(1) })).toThrow(/values for/);
    expect(() => Timeline.fromPacked({ ...packed, dt: [5, -1, ...packed.dt.slice(2)] })).toThrow(
      /out of order/,
    );
    expect(() => Timeline.fromPacked({ ...packed, values: [Number.NaN, ...packed.values.slice(1)] })).toThrow(
      /not a number/,
    );
    for (let i = 0; i < 200; i++) t.add(100 + i, [1]);
    const before = [t.count(250, 299), t.sum(0, 200, 299)];
    t.evict(150); // lazy: too little is stale to pay for a copy yet
    expect(t.size).toBe(205);
    t.evict(250);
    expect(t.size).toBe(49); // 251..299 remain
    expect([t.count(250, 299), t.sum(0, 200, 299)]).toEqual([49, 49]);
    expect(before).toEqual([49, 99]);
  });
});

/** A brute-force reference: scans every earlier transaction, sharing nothing with Timeline. */
function referenceHandbook(all: readonly Transaction[], i: number): number[] {
  const cur = all[i]!;
  const t = Date.parse(cur.timestamp);
  const out = [
    cur.amount,
    [0, 6].includes(new Date(t).getUTCDay()) ? 1 : 0,
    new Date(t).getUTCHours() <= 6 ? 1 : 0,
  ];
  const prior = all.slice(0, i);
  for (const d of [1, 7, 30]) {
    const inWin = prior.filter((p) => p.card_id === cur.card_id && Date.parse(p.timestamp) > t - d * DAY_MS);
    const cents = inWin.reduce((s, p) => s + Math.round(p.amount * 100), 0) + Math.round(cur.amount * 100);
    out.push(inWin.length + 1, cents / (inWin.length + 1) / 100);
  }
  const end = t - LABEL_DELAY_DAYS * DAY_MS;
  for (const d of [1, 7, 30]) {
    const inWin = prior.filter(
      (p) =>
        p.terminal_id === cur.terminal_id &&
        Date.parse(p.timestamp) > end - d * DAY_MS &&
        Date.parse(p.timestamp) <= end,
    );
    const frauds = inWin.filter((p) => p.is_fraud).length;
    out.push(inWin.length, inWin.length ? frauds / inWin.length : 0);
  }
  return out;
}

describe('one definition, two paths', () => {
  // A simulated month, small enough for the brute-force reference.
  const days = [
    ...simulate({
      profile: 'realistic',
      start: '2024-03-01',
      days: 31,
      customers: 150,
      terminals: 80,
      seed: 7,
    }),
  ];
  const all = days.flatMap((d) => d.transactions);

  it('online (one at a time, state saved and restored every day) equals batch (the whole month at once)', () => {
    expect(all.length).toBeGreaterThan(3000);
    const batch = batchFeatures(all, 'realistic');

    let state = new FeatureState();
    const online: number[][] = [];
    for (const day of days) {
      for (const t of day.transactions) online.push(state.next(t, 'realistic'));
      // A worker restart between files: the state goes through JSON and comes back.
      state = FeatureState.restore(JSON.parse(JSON.stringify(state.snapshot())));
    }
    expect(batch.rows.map((r) => r.transaction_id)).toEqual(all.map((r) => r.transaction_id));
    expect(online).toEqual(batch.vectors);
  });

  it('the same holds for handbook_plus, whose own features read further back', () => {
    const batch = batchFeatures(all, 'handbook_plus');
    let state = new FeatureState();
    const online: number[][] = [];
    for (const day of days) {
      for (const t of day.transactions) online.push(state.next(t, 'handbook_plus'));
      state = FeatureState.restore(JSON.parse(JSON.stringify(state.snapshot())));
    }
    expect(online).toEqual(batch.vectors);
  });

  it('a version-1 snapshot (an array per entry, checkpoints before 2026-12) restores to the same state', () => {
    const half = Math.floor(days.length / 2);
    const state = new FeatureState();
    for (const day of days.slice(0, half)) for (const t of day.transactions) state.add(t);
    const v2 = state.snapshot();
    expect(v2.version).toBe(2);
    const unpack = (p: PackedTimeline) => Timeline.fromPacked(p).snapshot();
    const v1: FeatureStateSnapshotV1 = {
      version: 1,
      cards: Object.fromEntries(Object.entries(v2.cards).map(([id, p]) => [id, unpack(p)])),
      terminals: Object.fromEntries(
        Object.entries(v2.terminals).map(([id, t]) => [id, { ...t, timeline: unpack(t.timeline) }]),
      ),
    };
    const [a, b] = [FeatureState.restore(JSON.parse(JSON.stringify(v1))), FeatureState.restore(v2)];
    const rest = days.slice(half).flatMap((d) => d.transactions);
    expect(rest.map((t) => a.next(t, 'handbook_plus'))).toEqual(rest.map((t) => b.next(t, 'handbook_plus')));
    // The packed form is the smaller one.
    expect(JSON.stringify(v2).length).toBeLessThan(JSON.stringify(v1).length);
  });

  it('both match a brute-force reference of the Handbook definitions', () => {
    const { rows, vectors } = batchFeatures(all, 'handbook');
    for (let i = 0; i < rows.length; i += 7) {
      const ref = referenceHandbook(rows, i);
      expect(vectors[i]!.length).toBe(ref.length);
      vectors[i]!.forEach((v, k) => expect(v).toBeCloseTo(ref[k]!, 9));
    }
  });

  it('a batch continuing from a prior state equals one batch over both', () => {
    const cut = all.findIndex((t) => t.timestamp >= '2024-03-16');
    const whole = batchFeatures(all, 'handbook_plus').vectors;
    const state = new FeatureState();
    const first = batchFeatures(all.slice(0, cut), 'handbook_plus', state).vectors;
    const second = batchFeatures(all.slice(cut), 'handbook_plus', state).vectors;
    expect([...first, ...second]).toEqual(whole);
  });
});
