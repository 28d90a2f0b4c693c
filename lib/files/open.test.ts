// The env factory: which store the environment selects, how it is validated, and that the S3 form
// it builds really talks to an S3 endpoint (s3rver on loopback).
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FileStoreError } from './errors';
import { LocalFileStore } from './local-store';
import {
  fileStoreAt,
  FileStoreConfigError,
  fileStoreConfigFromEnv,
  fileStoreFromEnv,
  type Env,
} from './open';
import { S3FileStore } from './s3-store';
import { startTestS3, type TestS3 } from './test-support';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3(['fraud-env']);
});
afterAll(async () => {
  await s3?.close();
});

describe('file store from env', () => {
  it('defaults to the embedded data folder', () => {
    expect(fileStoreConfigFromEnv({ FRAUD_DATA_DIR: '/srv/fraud' })).toEqual({
      kind: 'local',
      rootDir: '/srv/fraud',
    });
    expect(fileStoreConfigFromEnv({})).toEqual({ kind: 'local', rootDir: path.resolve('.data') });
    expect(fileStoreFromEnv({ FRAUD_DATA_DIR: '/srv/fraud', FRAUD_S3_BUCKET: '' })).toBeInstanceOf(
      LocalFileStore,
    );
  });

  it('selects S3 from FRAUD_S3_BUCKET, as a name or an s3:// URL', () => {
    expect(fileStoreConfigFromEnv({ FRAUD_S3_BUCKET: 'fraud-prod', AWS_REGION: 'eu-west-1' })).toEqual({
      kind: 's3',
      bucket: 'fraud-prod',
      prefix: '',
      region: 'eu-west-1',
      forcePathStyle: false,
    });
    expect(
      fileStoreConfigFromEnv({
        FRAUD_S3_BUCKET: 's3://fraud-prod/team-a/',
        FRAUD_S3_PREFIX: '/v2/',
        FRAUD_S3_REGION: 'us-west-2',
        AWS_REGION: 'eu-west-1',
        FRAUD_S3_ENDPOINT: 'http://127.0.0.1:9000',
        AWS_ACCESS_KEY_ID: 'k',
        AWS_SECRET_ACCESS_KEY: 's',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'fraud-prod',
      prefix: 'team-a/v2',
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
    const explicit = fileStoreConfigFromEnv({
      FRAUD_S3_BUCKET: 'b-1',
      FRAUD_S3_ENDPOINT: 'https://minio.local',
      FRAUD_S3_FORCE_PATH_STYLE: 'false',
    });
    expect(explicit).toMatchObject({ forcePathStyle: false, region: 'us-east-1' });
  });

  it('refuses invalid settings with the variable named', () => {
    const bad: [Env, RegExp][] = [
      [{ FRAUD_S3_BUCKET: 'Bad_Bucket' }, /FRAUD_S3_BUCKET: .*not a valid bucket name/],
      [{ FRAUD_S3_BUCKET: 's3://b-1/../x' }, /S3 prefix: invalid file key/],
      [
        { FRAUD_S3_BUCKET: 'b-1', FRAUD_S3_FORCE_PATH_STYLE: 'maybe' },
        /FRAUD_S3_FORCE_PATH_STYLE: expected true or false/,
      ],
      [{ FRAUD_S3_BUCKET: 'b-1', FRAUD_S3_ENDPOINT: 'localhost:9000' }, /FRAUD_S3_ENDPOINT/],
      [{ FRAUD_S3_PREFIX: 'x' }, /FRAUD_S3_PREFIX set without FRAUD_S3_BUCKET/],
    ];
    for (const [env, message] of bad)
      expect(() => fileStoreConfigFromEnv(env), JSON.stringify(env)).toThrow(message);
    expect(() => fileStoreConfigFromEnv({ FRAUD_S3_BUCKET: 'Bad' })).toThrow(FileStoreConfigError);
  });

  it('builds a working S3 store from env and from an s3:// location', async () => {
    const store = fileStoreFromEnv({ ...s3.env, FRAUD_S3_PREFIX: 'deploy' });
    expect(store).toBeInstanceOf(S3FileStore);
    await store.write('inbox/a.csv', 'hello');
    expect(store.locate('inbox/a.csv')).toBe('s3://fraud-env/deploy/inbox/a.csv');

    const at = fileStoreAt('s3://fraud-env/deploy/inbox', s3.env);
    expect((await at.list('')).map((f) => f.key)).toEqual(['a.csv']);
    expect(await at.readText('a.csv')).toBe('hello');
    expect(fileStoreAt('/tmp/somewhere', {})).toBeInstanceOf(LocalFileStore);
  });

  it('turns an unreachable endpoint into a short FileStoreError', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const store = fileStoreFromEnv({ ...s3.env, FRAUD_S3_ENDPOINT: 'http://127.0.0.1:9' });
    const error = await store.list('inbox/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileStoreError);
    expect((error as Error).message).toMatch(/^list s3:\/\/fraud-env\/inbox\/ failed: .*ECONNREFUSED/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});
