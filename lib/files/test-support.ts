// Test fixture: a real S3 protocol server (s3rver) on 127.0.0.1 with a temp directory, and the real
// @aws-sdk/client-s3 pointed at it. Shared with the pipeline's S3 tests; not used by production code.
//
// s3rver runs in a child Node process started with --openssl-legacy-provider: it signs ListObjectsV2
// continuation tokens with DES, which OpenSSL 3 only offers from the legacy provider, so in-process
// every truncated listing (more than 1,000 keys) fails with HTTP 500. The child exits when our stdin
// pipe closes, so a crashed test run leaves no server behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';

import { createS3Client } from './open';

export interface TestS3 {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** Path-style client with dummy credentials, region us-east-1 (the only region s3rver accepts). */
  client: S3Client;
  buckets: string[];
  /** Env that makes fileStoreFromEnv open this server's first bucket. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const CHILD = `
const S3rver = require(process.argv[1]);
const { directory, buckets } = JSON.parse(process.argv[2]);
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true,
  configureBuckets: buckets.map((name) => ({ name })) });
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + '\\n'),
  (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

const START_TIMEOUT_MS = 15_000;

export async function startTestS3(buckets: string[] = ['fraud-test']): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'fraud-s3rver-'));
  const s3rverMain = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', CHILD, s3rverMain, JSON.stringify({ directory, buckets })],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let port: number;
  try {
    port = await waitForPort(child);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const first = buckets[0] ?? '';
  const client = createS3Client({
    kind: 's3',
    bucket: first,
    prefix: '',
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials,
  });
  return {
    endpoint,
    client,
    buckets,
    env: {
      FRAUD_S3_BUCKET: first,
      FRAUD_S3_ENDPOINT: endpoint,
      FRAUD_S3_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    close: async () => {
      client.destroy();
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => fail(new Error(`s3rver did not start within ${START_TIMEOUT_MS} ms: ${err}`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        clearTimeout(timer);
        const { port } = JSON.parse(line) as { port: number };
        resolve(port);
      }
    });
    child.once('exit', (code) => fail(new Error(`s3rver exited with code ${code}: ${err}`)));
    child.once('error', fail);
  });
}
