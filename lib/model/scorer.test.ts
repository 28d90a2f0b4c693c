// Parity of the served model with XGBoost itself, on the held-out rows model/train.py stored with the
// model: ONNX probabilities vs predict_proba, TreeSHAP vs pred_contribs, missing values included.
// FRAUD_MODEL_DIR points the test at another trained model (the CI smoke run does).
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FeatureVectorError, FraudModel, getModel } from './scorer';

const dir = path.resolve(process.env.FRAUD_MODEL_DIR ?? 'model');
const fixture = z
  .object({
    modelVersion: z.string(),
    features: z.array(z.string()),
    rows: z.array(
      z.object({
        x: z.array(z.number().nullable()),
        proba: z.number(),
        margin: z.number(),
        contribs: z.array(z.number()),
        injectedMissing: z.boolean(),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(path.join(dir, 'fixtures', 'parity.json'), 'utf8')));

describe(`model in ${dir}`, () => {
  let model: FraudModel;
  beforeAll(async () => {
    model = await getModel(dir);
  });

  it('is the model the fixtures were made with, and the fixtures are big enough', () => {
    expect(fixture.modelVersion).toBe(model.version);
    expect(fixture.features).toEqual(model.features);
    expect(fixture.rows.length).toBeGreaterThanOrEqual(500);
    expect(fixture.rows.filter((r) => r.injectedMissing).length).toBeGreaterThanOrEqual(50);
  });

  it('scores every row like XGBoost predict_proba (<= 1e-5), in one batch and one by one', async () => {
    const batch = await model.scoreBatch(fixture.rows.map((r) => r.x));
    let worst = 0;
    for (const [i, row] of fixture.rows.entries()) {
      worst = Math.max(worst, Math.abs(batch[i]!.probability - row.proba));
      expect(Math.abs(batch[i]!.margin - row.margin)).toBeLessThanOrEqual(1e-4);
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    for (const row of fixture.rows.slice(0, 50)) {
      expect(Math.abs((await model.score(row.x)).probability - row.proba)).toBeLessThanOrEqual(1e-5);
    }
  });

  it('explains every row like XGBoost pred_contribs (<= 1e-4), with bias + sum(phi) = margin', () => {
    for (const row of fixture.rows) {
      const e = model.explain(row.x);
      const bias = row.contribs[row.contribs.length - 1]!;
      expect(Math.abs(e.bias - bias)).toBeLessThanOrEqual(1e-4);
      e.attributions.forEach((a, j) => expect(Math.abs(a.phi - row.contribs[j]!)).toBeLessThanOrEqual(1e-4));
      expect(Math.abs(e.margin - row.margin)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('routes a missing (NaN) feature as XGBoost does in both ONNX and TreeSHAP', async () => {
    const rows = fixture.rows.filter((r) => r.injectedMissing);
    const scores = await model.scoreBatch(rows.map((r) => r.x.map((v) => (v === null ? Number.NaN : v))));
    let routedDifferently = 0;
    for (const [i, row] of rows.entries()) {
      expect(Math.abs(scores[i]!.probability - row.proba)).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(model.explain(row.x).margin - row.margin)).toBeLessThanOrEqual(1e-4);
      // The same row with zeros instead of NaN usually scores differently: missing really is routed.
      const zeros = await model.score(row.x.map((v) => v ?? 0));
      if (Math.abs(zeros.margin - row.margin) > 1e-6) routedDifferently++;
    }
    expect(routedDifferently).toBeGreaterThan(0);
  });

  it('takes features by name, ignoring extras, and refuses vectors that do not fit', async () => {
    const row = fixture.rows[0]!;
    const named = Object.fromEntries(model.features.map((f, i) => [f, row.x[i] ?? null]));
    expect((await model.score({ ...named, not_a_feature: 1 })).probability).toBeCloseTo(row.proba, 5);
    const { [model.features[0]!]: _dropped, ...withoutFirst } = named;
    expect(() => model.vector(withoutFirst)).toThrow(FeatureVectorError);
    expect(() => model.vector({ ...named, [model.features[1]!]: Number.POSITIVE_INFINITY })).toThrow(/finite/);
    expect(() => model.vector(row.x.slice(1))).toThrow(/expected \d+ features/);
  });

  it('reuses one loaded model per directory', async () => {
    expect(await getModel(dir)).toBe(model);
  });

  it('refuses an ONNX file that is not the manifest version, and manifest trees that are not the ONNX trees', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'model-tamper-'));
    try {
      await fs.cp(dir, tmp, { recursive: true });
      const manifestPath = path.join(tmp, 'manifest.json');
      const original = await fs.readFile(manifestPath, 'utf8');
      const manifest = JSON.parse(original) as { onnxSha256: string; trees: { value: number[] }[] };
      await fs.writeFile(manifestPath, JSON.stringify({ ...manifest, onnxSha256: 'f'.repeat(64) }));
      await expect(FraudModel.load(tmp)).rejects.toThrow(/does not match manifest/);
      const shifted = manifest.trees.map((t, i) => (i === 0 ? { ...t, value: t.value.map((v) => v + 0.5) } : t));
      await fs.writeFile(manifestPath, JSON.stringify({ ...manifest, trees: shifted }));
      await expect(FraudModel.load(tmp)).rejects.toThrow(/do not describe the same model/);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
