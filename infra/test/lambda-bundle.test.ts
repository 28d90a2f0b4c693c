// The Lambda code as deployed: buildRuntimeBundle (what the stack's assets run at synth) produces a
// folder with one ESM handler, only the Linux x64 native binaries and the model; then the bundled
// handlers run in a child Node process outside the repository (so nothing resolves from the repo's
// node_modules): the ingestion handler ingests an SQS-wrapped S3 event against s3rver and dynalite
// with the template's environment, and the scoring handler answers its health check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { S3FileStore } from '@/lib/files';
import { s3Event, scanAll, sqsEvent } from '@/lib/pipeline/testing/s3-fixtures';
import { writeInbox } from '@/lib/simulator/write';
import { createStore } from '@/lib/store';

import {
  buildRuntimeBundle,
  BUNDLE_FILE,
  BUNDLE_MODEL_DIR,
  INGEST_BUNDLE,
  SCORING_BUNDLE,
} from '../lib/runtime-bundle';
import { startLocalAws, type LocalAws } from './support/local-aws';
import { defaultStack, lambdaEnvironment } from './support/template';

/** Lambda's unzipped code limit. */
const LAMBDA_CODE_LIMIT = 250 * 1024 ** 2;
const CHILD_TIMEOUT_MS = 90_000;

// Runs the bundle's handler on one event and prints the outcome as one JSON line. The process exits
// explicitly: the SDK clients keep sockets open, as a Lambda container would.
const RUNNER = `
const [bundle, event] = process.argv.slice(1);
const { handler } = await import(bundle);
try {
  const result = await handler(JSON.parse(event));
  process.stdout.write(JSON.stringify({ ok: true, result }) + '\\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(error && error.stack || error) }) + '\\n');
}
process.exit(0);
`;

function runBundle(
  dir: string,
  event: unknown,
  env: Record<string, string>,
): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        RUNNER,
        pathToFileURL(path.join(dir, BUNDLE_FILE)).href,
        JSON.stringify(event),
      ],
      // A clean environment, as in Lambda: only what the function is configured with.
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as { ok: boolean; result?: unknown; error?: string });
      } catch {
        reject(new Error(`bundle exited ${code ?? signal} without a result: ${err.slice(-2000)}`));
      }
    });
  });
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

let root: string;
let ingestDir: string;
let scoringDir: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'fraud-bundle-'));
  ingestDir = path.join(root, 'ingest');
  scoringDir = path.join(root, 'scoring');
  buildRuntimeBundle(INGEST_BUNDLE, ingestDir);
  buildRuntimeBundle(SCORING_BUNDLE, scoringDir);
}, 180_000);
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the Lambda bundles', () => {
  it('hold one ESM handler, the model, and only the Linux x64 native binaries, within Lambda’s limit', () => {
    for (const dir of [ingestDir, scoringDir]) {
      expect(fs.existsSync(path.join(dir, BUNDLE_FILE))).toBe(true);
      const manifest = JSON.parse(
        fs.readFileSync(path.join(dir, BUNDLE_MODEL_DIR, 'manifest.json'), 'utf8'),
      ) as {
        onnxFile: string;
      };
      expect(fs.existsSync(path.join(dir, BUNDLE_MODEL_DIR, manifest.onnxFile))).toBe(true);
      expect(fs.readdirSync(path.join(dir, 'node_modules/onnxruntime-node/bin/napi-v6'))).toEqual(['linux']);
      expect(fs.readdirSync(path.join(dir, 'node_modules/onnxruntime-node/bin/napi-v6/linux'))).toEqual([
        'x64',
      ]);
      expect(folderSize(dir)).toBeLessThan(LAMBDA_CODE_LIMIT);
    }
    // Sources named from the repository root: the bundle does not depend on where it was built, so
    // an unchanged function keeps its asset hash across synths.
    const map = JSON.parse(fs.readFileSync(path.join(ingestDir, `${BUNDLE_FILE}.map`), 'utf8')) as {
      sources: string[];
    };
    expect(map.sources).toContain('lib/pipeline/lambda.ts');
    expect(map.sources.filter((source) => source.startsWith('..'))).toEqual([]);
    expect(fs.existsSync(path.join(ingestDir, 'node_modules/@duckdb/node-bindings-linux-x64'))).toBe(true);
    // The embedded store's LevelDB addon is not shipped (infra/runtime/no-dynalite.ts stands in).
    expect(fs.existsSync(path.join(ingestDir, 'node_modules/classic-level'))).toBe(false);
    expect(fs.existsSync(path.join(scoringDir, 'node_modules/@duckdb'))).toBe(false);
  });

  describe('run as deployed', () => {
    let aws: LocalAws;
    let bucket: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      const s = defaultStack();
      const template = lambdaEnvironment(s, s.logicalId(s.stack.ingestion.function));
      bucket = template.FRAUD_S3_BUCKET!;
      aws = await startLocalAws(bucket);
      env = aws.point(template, { FRAUD_MODEL_DIR: path.join(ingestDir, BUNDLE_MODEL_DIR) });
    }, 180_000);
    afterAll(async () => {
      await aws?.close();
    });

    it('ingests an inbox/ object delivered through SQS, with only the template’s environment', async () => {
      const [file] = writeInbox(
        { profile: 'realistic', start: '2026-02-01', days: 1, customers: 200, terminals: 60, seed: 3 },
        path.join(root, 'inbox'),
        'csv',
      ).files;
      const key = `inbox/${path.basename(file!)}`;
      await new S3FileStore({ client: aws.s3.client, bucket }).write(key, fs.readFileSync(file!));

      const out = await runBundle(ingestDir, sqsEvent([s3Event([{ bucket, key }])]), env);
      expect(out.error).toBeUndefined();
      const [report] = (out.result as { reports: { status: string; accepted: number; flagged: number }[] })
        .reports;
      expect(report).toMatchObject({ status: 'ingested' });
      expect(report!.accepted).toBeGreaterThan(0);

      const store = createStore({
        connection: { kind: 'embedded', endpoint: aws.dynamoEndpoint },
        tablePrefix: env.FRAUD_TABLE_PREFIX!,
      });
      try {
        expect(await scanAll(store, store.tables.reviews)).toHaveLength(report!.flagged);
      } finally {
        store.client.destroy();
      }
    });

    it('answers the scoring health check from the scoring bundle', async () => {
      const out = await runBundle(
        scoringDir,
        { rawPath: '/healthz', requestContext: { http: { method: 'GET' } } },
        { FRAUD_MODEL_DIR: path.join(scoringDir, BUNDLE_MODEL_DIR), FRAUD_API_KEYS: '' },
      );
      expect(out).toMatchObject({ ok: true, result: { statusCode: 200 } });
    });
  });
});
