// Test support: local stand-ins for the AWS services the deployed components call — s3rver for S3
// (with the template's data bucket), dynalite for DynamoDB, the SNS Query-API stand-in for alerts —
// all on 127.0.0.1, and the one function that points a component's environment (as the template
// sets it) at them. Only endpoints, credentials and the model folder are overridden; every other
// variable is the template's own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startSnsServer, type LocalServer } from '@/lib/alerts/test-support';
import { startTestS3, type TestS3 } from '@/lib/files/test-support';
import { startDynalite } from '@/lib/store';

export interface LocalAws {
  s3: TestS3;
  dynamoEndpoint: string;
  sns: LocalServer;
  /** Credentials the SDK's default chain must find (set them in process.env for AWS-mode clients). */
  credentials: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };
  /** `env` with its AWS services replaced by the local ones. */
  point(env: Record<string, string>, overrides?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startLocalAws(bucket: string): Promise<LocalAws> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fraud-local-aws-'));
  const [s3, dynamo, sns] = await Promise.all([
    startTestS3([bucket]),
    startDynalite({ dataDir: path.join(dir, 'dynamo') }),
    startSnsServer(),
  ]);
  const credentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
  return {
    s3,
    dynamoEndpoint: dynamo.endpoint,
    sns,
    credentials,
    point: (env, overrides = {}) => ({
      ...env,
      ...(env.FRAUD_S3_BUCKET ? { FRAUD_S3_ENDPOINT: s3.endpoint } : {}),
      ...(env.FRAUD_DYNAMODB_REGION ? { FRAUD_DYNAMODB_ENDPOINT: dynamo.endpoint } : {}),
      ...(env.FRAUD_ALERT_SNS_TOPIC_ARN ? { FRAUD_ALERT_SNS_ENDPOINT: sns.url } : {}),
      ...credentials,
      ...overrides,
    }),
    close: async () => {
      await Promise.allSettled([s3.close(), dynamo.close(), sns.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
