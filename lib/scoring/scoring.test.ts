import { beforeAll, describe, expect, it } from 'vitest';

import { FeatureState } from '@/lib/features';
import { FraudModel } from '@/lib/model/scorer';
import type { Transaction } from '@/lib/schema/transaction';
import { simulate } from '@/lib/simulator';
import { ndjsonRow } from '@/lib/simulator/write';

import { ApiKeyConfigError, hashApiKey, newApiKey, parseApiKeys, verifyApiKey } from './api-keys';
import { handleScoreRequest, type ScoringService } from './handler';
import { OnlineScorer } from './online-scorer';
import { MAX_BATCH, MAX_BODY_BYTES, parseScoreRequest, parseScoreRequestWithZod } from './request';

const BASE = Date.UTC(2025, 2, 3, 14, 0, 0);
const tx = (i: number, over: Partial<Transaction> = {}): Transaction => ({
  transaction_id: `t${i}`,
  timestamp: new Date(BASE + i * 60_000).toISOString(),
  card_id: 'C-burst',
  terminal_id: 'T-web',
  merchant_name: 'Gift Cards Online',
  mcc: '5816',
  amount: 1.5,
  currency: 'EUR',
  channel: 'ecommerce',
  card_country: 'FR',
  merchant_country: 'FR',
  ...over,
});

describe('API keys', () => {
  it('accepts a configured key by its hash and nothing else', () => {
    const a = newApiKey('acquirer-a');
    const b = newApiKey('acquirer-b');
    const keys = parseApiKeys(`${a.entry}, ${b.entry}`);
    expect(a.entry).toBe(`acquirer-a:${hashApiKey(a.key)}`);
    expect(a.entry).not.toContain(a.key);
    expect(verifyApiKey(a.key, keys)).toBe('acquirer-a');
    expect(verifyApiKey(b.key, keys)).toBe('acquirer-b');
    expect(verifyApiKey(`${a.key}x`, keys)).toBeNull();
    expect(verifyApiKey(null, keys)).toBeNull();
    expect(verifyApiKey(a.key, [])).toBeNull();
  });

  it('refuses a malformed configuration and names the entry', () => {
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('  ')).toEqual([]);
    expect(() => parseApiKeys('ok:' + 'a'.repeat(64) + ',plain-secret')).toThrow(/entry 2/);
    expect(() => parseApiKeys('ok:' + 'a'.repeat(64) + ',plain-secret')).toThrow(ApiKeyConfigError);
  });
});

describe('request schema', () => {
  it('takes one transaction or a batch, with an explain option', () => {
    const one = parseScoreRequest({ transaction: tx(1), explain: true });
    expect(one).toMatchObject({ ok: true, request: { single: true, explain: 5 } });
    const batch = parseScoreRequest({ transactions: [tx(1), tx(2)], explain: 3 });
    expect(batch).toMatchObject({ ok: true, request: { single: false, explain: 3 } });
  });

  it('explains what is wrong, with the path', () => {
    const bad = parseScoreRequest({ transactions: [tx(1), { ...tx(2), amount: -5 }] });
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: 'transactions.1.amount', message: 'amount is negative' }],
    });
    expect(parseScoreRequest({ transactions: [] })).toMatchObject({ ok: false });
    expect(
      parseScoreRequest({ transactions: Array.from({ length: MAX_BATCH + 1 }, (_, i) => tx(i)) }),
    ).toMatchObject({ ok: false });
    expect(parseScoreRequest({ transactions: [tx(1), tx(1)] })).toEqual({
      ok: false,
      errors: [{ path: 'transactions.1.transaction_id', message: 'duplicate transaction_id "t1"' }],
    });
    expect(parseScoreRequest({ transaction: tx(1), extra: 1 })).toMatchObject({ ok: false });
    const partial = parseScoreRequest({ transaction: { transaction_id: 'x' } });
    expect(partial.ok ? [] : partial.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['transaction.timestamp', 'transaction.amount']),
    );
    expect(parseScoreRequest([1, 2])).toMatchObject({ ok: false });
  });
  it('gives exactly what zod gives, fast path or not', () => {
    // Simulated records as a client sends them (through JSON), plus envelopes the fast path must
    // leave to zod: unknown keys, odd explain values, batch bounds, duplicates, non-canonical times.
    const days = simulate({
      profile: 'realistic',
      start: '2025-01-01',
      days: 1,
      customers: 200,
      terminals: 60,
      seed: 5,
    });
    const sent = [...days]
      .flatMap((d) => d.transactions)
      .slice(0, 300)
      .map((t) => JSON.parse(ndjsonRow(t)) as Record<string, unknown>);
    const first = sent[0]!;
    const bodies: unknown[] = [
      ...sent.map((t) => ({ transaction: t })),
      { transactions: sent.slice(0, 50) },
      { transactions: sent.slice(0, 50), explain: 3 },
      { transaction: first, explain: true },
      { transaction: first, explain: false },
      { transaction: first, explain: 0 },
      { transaction: first, explain: 34 },
      { transaction: first, explain: 2.5 },
      { transaction: first, explain: 'yes' },
      { transaction: first, extra: 1 },
      { transaction: first, transactions: [first] },
      { transactions: [first, first] },
      { transactions: [] },
      { transactions: [first, null] },
      { transactions: first },
      { transaction: [first] },
      { transaction: { ...first, timestamp: '2025-01-01T10:00:00+00:00' } },
      { transaction: { ...first, card_id: '  padded  ' } },
      { transaction: { ...first, is_fraud: null } },
      { transaction: { ...first, amount: '12.5' } },
      { transaction: { ...first, unknown_field: 'kept out' } },
      {},
      [],
      null,
      'text',
    ];
    for (const body of bodies) expect(parseScoreRequest(body)).toEqual(parseScoreRequestWithZod(body));
  });
});

describe('POST /api/v1/score', () => {
  let model: FraudModel;
  const key = newApiKey('test');
  const service = (): ScoringService & { state: FeatureState } => {
    const state = new FeatureState();
    return { scorer: new OnlineScorer(model, state), keys: parseApiKeys(key.entry), state };
  };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    new Request('http://127.0.0.1/api/v1/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key.key, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    model = await FraudModel.load();
  });

  it('refuses without touching the feature state: no key, wrong key, wrong type, too large, bad JSON, bad schema', async () => {
    const s = service();
    const cases: [Request, number, RegExp][] = [
      [post({ transaction: tx(1) }, { 'x-api-key': '' }), 401, /API key/],
      [post({ transaction: tx(1) }, { 'x-api-key': 'fk_wrong' }), 401, /API key/],
      [post({ transaction: tx(1) }, { 'content-type': 'text/plain' }), 415, /application\/json/],
      [post(`{"transaction": "${'x'.repeat(MAX_BODY_BYTES)}"}`), 413, /larger than/],
      [post('{"transaction": '), 400, /not valid JSON/],
      [post('['.repeat(200_000) + ']'.repeat(200_000)), 400, /schema|JSON/],
      [post({ transaction: { ...tx(1), channel: 'fax' } }), 400, /schema/],
    ];
    for (const [request, status, message] of cases) {
      const response = await handleScoreRequest(request, s);
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: string; request_id: string };
      expect(body.error).toMatch(message);
      expect(response.headers.get('x-request-id')).toBe(body.request_id);
    }
    expect(s.state.size).toEqual({ cards: 0, terminals: 0 });
  });

  it('is disabled, clearly, when no key is configured', async () => {
    const response = await handleScoreRequest(post({ transaction: tx(1) }), {
      scorer: new OnlineScorer(model),
      keys: [],
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(/FRAUD_API_KEYS/);
  });

  it('scores one transaction with its decision, threshold, model version and top attributions', async () => {
    const response = await handleScoreRequest(post({ transaction: tx(1), explain: 3 }), service());
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & {
      top_attributions: { feature: string; contribution: number }[];
    };
    expect(body).toMatchObject({
      transaction_id: 't1',
      model_version: model.version,
      threshold: model.threshold,
    });
    expect(body.decision).toBe((body.score as number) >= model.threshold ? 'review' : 'pass');
    expect(body.top_attributions).toHaveLength(3);
    const sizes = body.top_attributions.map((a) => Math.abs(a.contribution));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it('decides with the live threshold, and falls back to the manifest when it cannot be read', async () => {
    const at = async (liveThreshold: () => Promise<number>) => {
      const body = (await (
        await handleScoreRequest(post({ transaction: tx(1) }), { ...service(), liveThreshold })
      ).json()) as { score: number; decision: string; threshold: number };
      return body;
    };
    const low = await at(async () => 0);
    expect(low).toMatchObject({ threshold: 0, decision: 'review' });
    const high = await at(async () => 1.01);
    expect(high).toMatchObject({ threshold: 1.01, decision: 'pass' });
    const broken = await at(async () => {
      throw new Error('store down');
    });
    expect(broken.threshold).toBe(model.threshold);
    expect(broken.decision).toBe(broken.score >= model.threshold ? 'review' : 'pass');
  });

  it('a burst on one card raises its later scores (the online state moves with each request)', async () => {
    const s = service();
    const fresh = await handleScoreRequest(
      post({ transaction: tx(99, { card_id: 'C-fresh', amount: 480 }) }),
      s,
    );
    const first = (await (await handleScoreRequest(post({ transaction: tx(0) }), s)).json()) as {
      score: number;
    };
    const burst = (await (
      await handleScoreRequest(post({ transactions: [1, 2, 3, 4, 5, 6].map((i) => tx(i)) }), s)
    ).json()) as {
      results: { transaction_id: string; score: number }[];
    };
    const big = (await (
      await handleScoreRequest(post({ transaction: tx(20, { amount: 480 }) }), s)
    ).json()) as { score: number; decision: string };
    expect(burst.results.map((r) => r.transaction_id)).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    expect(burst.results.at(-1)!.score).toBeGreaterThan(first.score * 10);
    expect(big.score).toBeGreaterThan(((await fresh.json()) as { score: number }).score * 10);
    expect(big.decision).toBe('review');
    expect(s.state.size.cards).toBe(2);
  });
});
