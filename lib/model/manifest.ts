// Reads a model directory (manifest.json + the ONNX file it names) and proves the two belong together:
// the ONNX bytes must hash to the manifest's version, so scores and explanations can never come from
// different models. The shape is validated with zod because the file is written by Python.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const numbers = z.array(z.number());
const integers = z.array(z.number().int());

export const treeSchema = z.object({
  left: integers,
  right: integers,
  feature: integers,
  threshold: numbers,
  value: numbers,
  defaultLeft: integers,
  cover: numbers,
});
export type ManifestTree = z.infer<typeof treeSchema>;

const metricsSchema = z
  .object({
    rocAuc: z.number().nullable(),
    averagePrecision: z.number().nullable(),
    cardPrecisionAtK: z.number().nullable(),
    k: z.number(),
  })
  .loose();
const windowSchema = z.object({ from: z.string(), to: z.string() });

export const manifestSchema = z
  .object({
    format: z.literal(1),
    modelVersion: z.string().regex(/^[0-9a-f]{16}$/),
    onnxFile: z.string().min(1),
    onnxSha256: z.string().regex(/^[0-9a-f]{64}$/),
    trainedAt: z.string(),
    profile: z.string().nullable(),
    featureSet: z.string(),
    features: z.array(z.string().min(1)).min(1),
    protocol: z.enum(['rolling', 'handbook']),
    windows: z
      .object({ train: windowSchema, labelDelayDays: z.number(), gap: windowSchema, test: windowSchema })
      .loose(),
    threshold: z.object({ value: z.number().min(0).max(1), rule: z.string(), alertsPerDay: z.number() }),
    metrics: z.object({ test: metricsSchema }),
    baseline: z.object({ name: z.string(), metrics: z.object({ test: metricsSchema }) }),
    meanAbsShap: z.record(z.string(), z.number()),
    baseMargin: z.number(),
    trees: z.array(treeSchema).min(1),
  })
  .loose();
export type Manifest = z.infer<typeof manifestSchema>;

export interface ModelFiles {
  dir: string;
  manifest: Manifest;
  onnx: Uint8Array;
}

/** Where the served model lives: FRAUD_MODEL_DIR, else `model/` under the working directory. */
export const defaultModelDir = (env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(/*turbopackIgnore: true*/ env.FRAUD_MODEL_DIR ?? 'model');

export async function readModelFiles(dir: string = defaultModelDir()): Promise<ModelFiles> {
  const manifestPath = path.join(/*turbopackIgnore: true*/ dir, 'manifest.json');
  const text = await fs.readFile(manifestPath, 'utf8').catch((e: unknown) => {
    throw new Error(`cannot read ${manifestPath}: ${e instanceof Error ? e.message : String(e)} (train one with npm run model:train)`);
  });
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${manifestPath} is not a valid model manifest: ${z.prettifyError(parsed.error)}`);
  }
  const manifest = parsed.data;
  const onnx = new Uint8Array(await fs.readFile(path.join(/*turbopackIgnore: true*/ dir, manifest.onnxFile)));
  const sha = createHash('sha256').update(onnx).digest('hex');
  if (sha !== manifest.onnxSha256 || !sha.startsWith(manifest.modelVersion)) {
    throw new Error(
      `${manifest.onnxFile} (sha256 ${sha.slice(0, 16)}…) does not match manifest model ${manifest.modelVersion}; ` +
        'the model and its manifest were not written together',
    );
  }
  return { dir, manifest, onnx };
}
