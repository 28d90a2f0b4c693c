import { describe, expect, it } from 'vitest';

import { FAST_PATH_FIELDS, fastTransaction, isCanonicalUtc } from './fast-transaction';
import { CHANNELS, MAX_AMOUNT, parseUtcTimestamp, transactionSchema } from './transaction';

/** Small deterministic PRNG so a failure is reproducible from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const VALID: Record<string, unknown> = {
  transaction_id: 'tx-1',
  timestamp: '2024-05-01T13:45:00.000Z',
  card_id: 'card-1',
  terminal_id: 'term-1',
  merchant_name: 'Corner Shop',
  mcc: '5411',
  amount: 12.5,
  currency: 'EUR',
  channel: 'chip',
  card_country: 'FR',
  merchant_country: 'DE',
  is_fraud: false,
  fraud_scenario: 'card_theft',
};

const WEIRD: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  NaN,
  Infinity,
  -Infinity,
  '',
  ' ',
  '\u00a0',
  '\t',
  {},
  [],
  ['x'],
  12n,
];
const str = (n: number, c = 'a') => c.repeat(n);
const ID_CASES = [
  'a',
  ' a',
  'a ',
  '\u2003a\u2003',
  str(64),
  str(65),
  ` ${str(64)} `,
  ` ${str(63)}\n`,
  'é',
  '😀'.repeat(32),
  '😀'.repeat(33),
];

/** Interesting values per field: the boundaries of each rule, from both sides, and plausible typos. */
const CASES: Record<string, unknown[]> = {
  transaction_id: ID_CASES,
  card_id: ID_CASES,
  terminal_id: ID_CASES,
  merchant_name: ['Shop', ' Shop ', str(200), str(201), ` ${str(200)} `, '\n', 'Café ☕'],
  timestamp: [
    '2024-05-01T13:45:00Z',
    '2024-05-01T13:45:00.000Z',
    '2024-05-01T13:45:00.5Z',
    '2024-05-01T13:45:00.123456789Z',
    '2024-05-01T13:45Z',
    '2024-05-01T13:45:00+00:00',
    '2024-05-01T13:45:00-0000',
    '2024-05-01T13:45:00+01:00',
    ' 2024-05-01T13:45:00.000Z ',
    '2024-05-01 13:45:00Z',
    '2024-05-01T13:45:00',
    '2024-02-29T00:00:00.000Z',
    '2023-02-29T00:00:00.000Z',
    '2024-04-31T00:00:00.000Z',
    '2024-13-01T00:00:00.000Z',
    '2024-00-10T00:00:00.000Z',
    '2024-05-01T24:00:00.000Z',
    '2024-05-01T23:60:00.000Z',
    '2024-05-01T23:59:60.000Z',
    '1999-12-31T23:59:59.999Z',
    '2000-01-01T00:00:00.000Z',
    '2099-12-31T23:59:59.999Z',
    '2100-01-01T00:00:00.000Z',
    '2024-05-01t13:45:00.000z',
    '+02024-05-01T13:45:00.000Z',
    '2024-05-01T13:45:00.000Zx',
  ],
  mcc: ['0000', '9999', '541', '54111', ' 5411', '5411 ', '54a1', '٥٤١١', '5411\n'],
  amount: [0, -0, 0.01, 12.5, MAX_AMOUNT, MAX_AMOUNT + 0.01, -0.01, -1, Number.MIN_VALUE, '12.5', 1e300],
  currency: ['EUR', 'eur', 'EU', 'EURO', ' EUR', 'ÉUR'],
  channel: [...CHANNELS, 'Chip', 'chip ', 'fax', 'constructor', 'toString', '__proto__'],
  card_country: ['FR', 'fr', 'F', 'FRA', 'F1', ' FR'],
  merchant_country: ['DE', 'de', 'D', 'DEU'],
  is_fraud: [true, false, 0, 1, 'true', 'false'],
  fraud_scenario: ['', 'x', str(64), str(65), ' padded '],
};

function generate(random: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const record: Record<string, unknown> = { ...VALID };
  // Mostly one or two changes, so the fast path gets many near-valid records to judge.
  const changes = random() < 0.15 ? 0 : random() < 0.7 ? 1 : 1 + Math.floor(random() * 4);
  for (let c = 0; c < changes; c++) {
    const field = pick(FAST_PATH_FIELDS);
    const roll = random();
    if (roll < 0.1) delete record[field];
    else if (roll < 0.25) record[field] = pick(WEIRD);
    else record[field] = pick(CASES[field]!);
  }
  if (random() < 0.05) record.extra = 'ignored';
  return record;
}

/** zod's output and the fast path's, compared by value, key order and the sign of zero. */
const snapshot = (tx: object) =>
  JSON.stringify(Object.entries(tx).map(([k, v]) => [k, Object.is(v, -0) ? '-0' : v]));

describe('fastTransaction', () => {
  it('knows every field of the schema, so a new rule cannot slip past it', () => {
    expect([...FAST_PATH_FIELDS]).toEqual(Object.keys(transactionSchema.shape));
  });

  it('never accepts what zod rejects, and outputs exactly what zod outputs', () => {
    const random = rng(20240501);
    let fast = 0;
    let zodAccepts = 0;
    for (let i = 0; i < 60_000; i++) {
      const input = generate(random);
      const parsed = transactionSchema.safeParse(input);
      if (parsed.success) zodAccepts++;
      const tx = fastTransaction(input);
      if (tx === undefined) continue;
      fast++;
      if (!parsed.success) throw new Error(`fast path accepted what zod rejects: ${JSON.stringify(input)}`);
      expect(snapshot(tx), JSON.stringify(input)).toBe(snapshot(parsed.data));
    }
    // The generator must exercise both outcomes, and the fast path must take nearly all valid rows.
    expect(zodAccepts).toBeGreaterThan(15_000);
    expect(zodAccepts).toBeLessThan(50_000);
    expect(fast / zodAccepts).toBeGreaterThan(0.95);
  });

  it('takes a canonical timestamp as valid only when parseUtcTimestamp agrees, over the whole calendar', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const check = (ts: string) => {
      const ms = parseUtcTimestamp(ts);
      if (isCanonicalUtc(ts)) expect(typeof ms === 'number' && new Date(ms).toISOString(), ts).toBe(ts);
      // And the converse, so the fast path really covers every valid canonical timestamp.
      else expect(ms, ts).toBeTypeOf('string');
    };
    for (let year = 1999; year <= 2100; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) check(`${pad(year, 4)}-${pad(month)}-${pad(day)}T23:59:59.999Z`);
      }
    }
    for (let hour = 0; hour <= 25; hour++) {
      for (let minute = 0; minute <= 61; minute += hour === 0 ? 1 : 59) {
        for (let second = 0; second <= 61; second++)
          check(`2024-02-29T${pad(hour)}:${pad(minute)}:${pad(second)}.000Z`);
      }
    }
    for (const ts of [
      '2024-05-01T13:45:00.000z',
      '2024-05-01 13:45:00.000Z',
      '2024/05/01T13:45:00.000Z',
      '2024-05-01T13:45:00,000Z',
      '2024-05-01T13:45:00.0a0Z',
      '2024-0a-01T13:45:00.000Z',
    ]) {
      expect(isCanonicalUtc(ts), ts).toBe(false);
    }
  });

  it('prints canonical timestamps exactly as zod does for every millisecond value', () => {
    for (let ms = 0; ms < 1000; ms++) {
      const timestamp = `2024-12-31T23:59:59.${String(ms).padStart(3, '0')}Z`;
      const input = { ...VALID, timestamp };
      expect(fastTransaction(input)?.timestamp).toBe(transactionSchema.parse(input).timestamp);
    }
  });

  it('takes typical simulator-shaped rows', () => {
    const rows = CHANNELS.map((channel, i) => ({
      ...VALID,
      channel,
      amount: i * 10.25,
      is_fraud: i % 2 === 0,
    }));
    for (const row of rows) expect(fastTransaction(row)).toEqual(transactionSchema.parse(row));
    const { fraud_scenario: _, is_fraud: __, ...unlabelled } = VALID;
    expect(fastTransaction(unlabelled)).toEqual(transactionSchema.parse(unlabelled));
  });
});
