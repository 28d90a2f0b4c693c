// The online path matches the pipeline: simulated days go through the real ingestion (features from the
// checkpointed state, batch ONNX scores, TreeSHAP, context snapshots) into a dynalite review store, and
// rescoring every flagged item unedited from its stored context must give back its stored features,
// score and attributions. Then edits: a bigger amount moves the score and the diff, the stored item
// stays as it was, and a `rescored` event lands in its trail exactly once per request.
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalFileStore } from '@/lib/files';
import { formatsFor } from '@/lib/format/formats';
import { getModel, type FraudModel } from '@/lib/model/scorer';
import { ingestInbox } from '@/lib/pipeline';
import { writeInbox } from '@/lib/simulator/write';
import { getReviewItem, listAuditEvents, listQueue, REVIEW_STATUSES, type ReviewItem } from '@/lib/store';
import { startTestStore, type TestStore } from '@/lib/store/test-support';

import { scoreWithContext } from './rescore';
import { inputTime, type RescoreForm } from './rescore-edits';
import { rescoreItem, rescoreReviewItem } from './rescore-item';

let root: string;
let db: TestStore;
let model: FraudModel;
let items: ReviewItem[];

/** The rescoring's phrases in en-US (the tests check values, not words). */
const EN = formatsFor('en-US');

const unedited = (item: ReviewItem, requestId = 'parity-0001'): RescoreForm => ({
  transactionId: item.transaction_id,
  requestId,
  amount: item.tx.amount,
  time: inputTime(item.tx.timestamp),
  mcc: item.tx.mcc,
  merchant_country: item.tx.merchant_country,
  card_country: item.tx.card_country,
  channel: item.tx.channel,
});

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'fraud-rescore-'));
  writeInbox(
    { profile: 'realistic', start: '2026-03-01', days: 4, customers: 300, terminals: 60, seed: 11 },
    path.join(root, 'inbox'),
  );
  [db, model] = await Promise.all([startTestStore('rs_'), getModel()]);
  const report = await ingestInbox(
    { store: db.store, model, files: new LocalFileStore(root), flaggedAt: 'transaction' },
    { inbox: path.join(root, 'inbox') },
  );
  expect(report.failed).toBe(0);
  const summaries = (
    await Promise.all(REVIEW_STATUSES.map((status) => listQueue(db.store, { status, limit: 500 })))
  ).flatMap((p) => p.items);
  items = (
    await Promise.all(summaries.map((s) => getReviewItem(db.store, { transactionId: s.transaction_id })))
  ).filter((i): i is ReviewItem => i !== null);
}, 180_000);

afterAll(async () => {
  await db?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('rescoring an unedited transaction reproduces the pipeline', () => {
  it('gives back every flagged item’s stored features, score and attributions', async () => {
    expect(items.length).toBeGreaterThan(20);
    let maxScore = 0;
    let maxPhi = 0;
    for (const item of items) {
      const scored = await scoreWithContext(model, item.tx, item.context);
      expect(scored.modelVersion).toBe(item.model_version);
      // The same pure feature function over the same history: identical, not merely close.
      expect(scored.features).toEqual(item.features);
      maxScore = Math.max(maxScore, Math.abs(scored.score - item.score));
      maxPhi = Math.max(
        maxPhi,
        Math.abs(scored.attributions.bias - item.attributions.bias),
        ...scored.attributions.phi.map((p, k) => Math.abs(p - item.attributions.phi[k]!)),
      );
      expect(scored.attributions.phi).toHaveLength(item.attributions.phi.length);
    }
    // Float tolerance; in practice both are exactly 0 (same float32 rows, same ONNX session, same SHAP).
    expect(maxScore).toBeLessThan(1e-9);
    expect(maxPhi).toBeLessThan(1e-9);
  });

  it('reports no edits and an all-zero attribution diff through the form path', async () => {
    for (const item of items.slice(0, 25)) {
      const out = await rescoreItem(model, item, unedited(item), EN);
      if (!out.ok) throw new Error(out.message);
      expect(out.result.changes).toEqual({});
      expect(out.result.after.score).toBeCloseTo(item.score, 12);
      expect(out.result.sameModel).toBe(true);
      expect(out.result.diff?.every((d) => Math.abs(d.delta) < 1e-9 && !d.valueChanged)).toBe(true);
    }
  });
});

describe('rescoring an edited transaction', () => {
  it('moves the score with the amount and lists the biggest attribution changes first', async () => {
    const item = items.find((i) => i.tx.amount < 200)!;
    const out = await rescoreItem(
      model,
      item,
      {
        ...unedited(item),
        amount: Math.round(item.tx.amount * 40 + 900),
      },
      EN,
    );
    if (!out.ok) throw new Error(out.message);
    const { result } = out;
    expect(result.changes).toEqual({
      amount: { from: item.tx.amount, to: Math.round(item.tx.amount * 40 + 900) },
    });
    expect(result.after.score).not.toBeCloseTo(item.score, 6);
    const deltas = result.diff!.map((d) => Math.abs(d.delta));
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    expect(result.diff!.find((d) => d.feature === 'tx_amount')!.valueChanged).toBe(true);
    // Exact TreeSHAP: base value + contributions = the new margin.
    const sum = result.after.bias + result.rows.reduce((s, r) => s + r.phi, 0);
    expect(sum).toBeCloseTo(result.after.margin, 4);
  });

  it('refuses a time beyond the stored history’s reach', async () => {
    const item = items[0]!;
    const later = new Date(Date.parse(item.tx.timestamp) + 30 * 3_600_000).toISOString();
    const out = await rescoreItem(model, item, { ...unedited(item), time: inputTime(later) }, EN);
    expect(out).toMatchObject({ ok: false, field: 'time' });
  });

  it('leaves the stored item unchanged and appends one `rescored` event per request', async () => {
    const item = items[1]!;
    const form = { ...unedited(item, 'req-edit-0001'), channel: 'swipe' as const, merchant_country: 'US' };
    const first = await rescoreReviewItem(db.store, model, { form, actor: 'ana (local)', formats: EN });
    const again = await rescoreReviewItem(db.store, model, { form, actor: 'ana (local)', formats: EN });
    if (!first.ok || !again.ok) throw new Error('rescoring failed');
    expect(await getReviewItem(db.store, { transactionId: item.transaction_id })).toEqual(item);
    const trail = await listAuditEvents(db.store, { itemId: item.transaction_id, action: 'rescored' });
    expect(trail.items).toHaveLength(1);
    const event = trail.items[0]!;
    expect(event).toMatchObject({
      action: 'rescored',
      actor: 'ana (local)',
      details: {
        changes: {
          channel: { from: item.tx.channel, to: 'swipe' },
          merchant_country: { from: item.tx.merchant_country, to: 'US' },
        },
        old_score: item.score,
        new_score: first.result.after.score,
        model_version: model.version,
      },
    });
  });

  it('answers not_found for an unknown item', async () => {
    const out = await rescoreReviewItem(db.store, model, {
      form: { ...unedited(items[0]!), transactionId: 'no-such-transaction' },
      actor: 'ana (local)',
      formats: EN,
    });
    expect(out).toEqual({ ok: false, reason: 'not_found' });
  });
});
