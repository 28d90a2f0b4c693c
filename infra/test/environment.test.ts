// Each component's environment, as the synthesized template sets it (tokens replaced by sample
// values), parsed by the application's OWN config parsers: lib/files, lib/store, lib/analytics,
// lib/auth, lib/alerts and the scoring Lambda's. A renamed or misspelled variable changes what a
// parser returns (or makes it fall back to the embedded default), and that fails here. Every FRAUD_*
// variable must also matter: dropping it must change some parser's result.
import fs from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { alertConfigFromEnv } from '@/lib/alerts/config';
import { analyticsConfigFromEnv } from '@/lib/analytics/config';
import { authConfigFromEnv } from '@/lib/auth/config';
import { fileStoreConfigFromEnv } from '@/lib/files/open';
import { defaultModelDir } from '@/lib/model/manifest';
import { storeSettingsFromEnv, tableNames } from '@/lib/store/client';

import { CONSOLE_MODEL_DIR, CONSOLE_SECRET_VARIABLES } from '../lib/component-env';
import { LAMBDA_MODEL_DIR } from '../lib/lambda-code';
import { BUNDLE_MODEL_DIR, REPO_ROOT } from '../lib/runtime-bundle';
import { DATA_AREAS } from '../lib/storage';
import { scoringLambdaSettingsFromEnv } from '../runtime/scoring-lambda';
import {
  containerEnvironment,
  defaultStack,
  lambdaEnvironment,
  ofType,
  SAMPLE,
  type Synthesized,
} from './support/template';

type Env = Record<string, string>;
// lib/store and lib/model take Node's env type (Next adds a required NODE_ENV); they read FRAUD_* only.
const node = (env: Env) => env as unknown as NodeJS.ProcessEnv;

let s: Synthesized;
let ingest: Env;
let scoring: Env;
let consoleEnv: Env;
let consoleSecrets: Record<string, string>;

beforeAll(() => {
  s = defaultStack();
  ingest = lambdaEnvironment(s, s.logicalId(s.stack.ingestion.function));
  scoring = lambdaEnvironment(s, s.logicalId(s.stack.scoring.function));
  const container = containerEnvironment(s, s.logicalId(s.stack.consoleService.service.taskDefinition));
  consoleEnv = container.environment;
  consoleSecrets = container.secrets;
});

const ref = (construct: Parameters<Synthesized['logicalId']>[0]) =>
  s.resolve({ Ref: s.logicalId(construct) });
const tableNamesInTemplate = () =>
  ofType(s, 'AWS::DynamoDB::Table')
    .map(([, t]) => String(t.Properties?.TableName))
    .sort();

/**
 * Every FRAUD_* variable (and NEXTAUTH_SECRET) is read: changing its value changes what `parse` returns,
 * or makes it refuse the env. A misspelled name would be ignored, and so would its change.
 */
function expectEveryVariableUsed(env: Env, parse: (env: Env) => unknown): void {
  const full = JSON.stringify(parse(env));
  const checked = Object.keys(env).filter((k) => k.startsWith('FRAUD_') || k === 'NEXTAUTH_SECRET');
  expect(checked.length).toBeGreaterThan(0);
  for (const key of checked) {
    let changed: boolean;
    try {
      changed = JSON.stringify(parse({ ...env, [key]: `${env[key]}x` })) !== full;
    } catch {
      changed = true;
    }
    expect(changed, `${key} is read by nothing`).toBe(true);
  }
}

describe('the ingestion Lambda’s environment', () => {
  const parse = (env: Env) => ({
    files: fileStoreConfigFromEnv(env),
    store: storeSettingsFromEnv(node(env)),
    alerts: alertConfigFromEnv(env),
    modelDir: defaultModelDir(node(env)),
  });

  it('opens the data bucket on S3, DynamoDB with the deployed tables, and SNS alerts', () => {
    const { files, store, alerts, modelDir } = parse(ingest);
    expect(files).toMatchObject({
      kind: 's3',
      bucket: ref(s.stack.storage.dataBucket),
      prefix: '',
      region: SAMPLE.region,
    });
    expect(store).toMatchObject({ mode: 'aws', region: SAMPLE.region });
    expect(Object.values(tableNames(store.tablePrefix)).sort()).toEqual(tableNamesInTemplate());
    expect(alerts.sns).toMatchObject({
      topicArn: ref(s.stack.alertsTopic),
      region: SAMPLE.region,
      fifo: false,
    });
    expect(alerts.webhook).toBeUndefined();
    // The model is bundled at the path the function is told.
    expect(modelDir).toBe(LAMBDA_MODEL_DIR);
    expect(LAMBDA_MODEL_DIR).toBe(`/var/task/${BUNDLE_MODEL_DIR}`);
  });

  it('ingests exactly what the bucket notification sends: the store’s own inbox/', () => {
    // lib/pipeline/lambda.ts: without FRAUD_INGEST_INBOX the inbox is `<prefix>inbox/` of the store.
    expect(ingest.FRAUD_INGEST_INBOX).toBeUndefined();
    const files = fileStoreConfigFromEnv(ingest);
    expect(files.kind === 's3' ? `${files.prefix}${DATA_AREAS.inbox}` : null).toBe(DATA_AREAS.inbox);
  });

  it('has no variable that nothing reads', () => {
    expectEveryVariableUsed(ingest, parse);
  });
});

describe('the scoring Lambda’s environment', () => {
  const parse = (env: Env) => ({
    scoring: scoringLambdaSettingsFromEnv(env),
    files: fileStoreConfigFromEnv(env),
  });

  it('reads the API keys from the stack’s secret and the checkpoint from the data bucket', () => {
    const { scoring: settings, files } = parse(scoring);
    expect(settings.keys).toMatchObject({ kind: 'secret', secretId: ref(s.stack.scoring.apiKeys) });
    expect(settings.keys.kind === 'secret' && settings.keys.origin).toBe('http://localhost:2773');
    expect(settings.checkpoint).toBe('s3');
    expect(settings.modelDir).toBe(LAMBDA_MODEL_DIR);
    expect(files).toMatchObject({ kind: 's3', bucket: ref(s.stack.storage.dataBucket) });
  });

  it('has no variable that nothing reads', () => {
    expectEveryVariableUsed(scoring, parse);
  });
});

describe('the console’s environment', () => {
  const secretValues: Env = {
    FRAUD_COGNITO_CLIENT_SECRET: 'sample-client-secret',
    NEXTAUTH_SECRET: 'x'.repeat(64),
  };
  const withSecrets = () => ({ ...consoleEnv, ...secretValues });
  const parse = (env: Env) => ({
    store: storeSettingsFromEnv(node(env)),
    analytics: analyticsConfigFromEnv(env),
    auth: authConfigFromEnv(env),
    modelDir: defaultModelDir(node(env)),
  });

  it('takes its secrets from the right Secrets Manager secrets, never as plain values', () => {
    expect(Object.keys(consoleSecrets).sort()).toEqual([...CONSOLE_SECRET_VARIABLES].sort());
    expect(consoleSecrets.FRAUD_COGNITO_CLIENT_SECRET).toBe(s.logicalId(s.stack.identity.clientSecret));
    expect(consoleSecrets.NEXTAUTH_SECRET).toBe(s.logicalId(s.stack.consoleService.sessionSecret));
    for (const name of CONSOLE_SECRET_VARIABLES) expect(consoleEnv[name]).toBeUndefined();
  });

  it('signs in with the stack’s Cognito pool and client at the console’s URL', () => {
    const { auth } = parse(withSecrets());
    const poolId = ref(s.stack.identity.userPool);
    expect(auth).toEqual({
      mode: 'cognito',
      issuer: `https://cognito-idp.${SAMPLE.region}.amazonaws.com/${poolId}`,
      clientId: ref(s.stack.identity.client),
      clientSecret: secretValues.FRAUD_COGNITO_CLIENT_SECRET,
      secret: secretValues.NEXTAUTH_SECRET,
    });
    expect(consoleEnv.NEXTAUTH_URL).toBe(`https://${SAMPLE.consoleDomain}`);
  });

  it('queries the stack’s Athena workgroup, Glue database and table', () => {
    const { analytics } = parse(withSecrets());
    const [[, workgroup] = ['', { Type: '' }]] = ofType(s, 'AWS::Athena::WorkGroup');
    const [[, database] = ['', { Type: '' }]] = ofType(s, 'AWS::Glue::Database');
    const [[, table] = ['', { Type: '' }]] = ofType(s, 'AWS::Glue::Table');
    const enforced = (
      workgroup.Properties?.WorkGroupConfiguration as { ResultConfiguration: { OutputLocation: unknown } }
    ).ResultConfiguration.OutputLocation;
    expect(analytics).toEqual({
      mode: 'athena',
      region: SAMPLE.region,
      settings: {
        workgroup: workgroup.Properties?.Name,
        database: (database.Properties?.DatabaseInput as { Name: string }).Name,
        table: (table.Properties?.TableInput as { Name: string }).Name,
        outputLocation: s.resolve(enforced),
      },
    });
  });

  it('uses DynamoDB with the deployed tables and the model the image ships', () => {
    const { store, modelDir } = parse(withSecrets());
    expect(store).toMatchObject({ mode: 'aws', region: SAMPLE.region });
    expect(Object.values(tableNames(store.tablePrefix)).sort()).toEqual(tableNamesInTemplate());
    expect(modelDir).toBe(CONSOLE_MODEL_DIR);
    const dockerfile = fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`FRAUD_MODEL_DIR=${CONSOLE_MODEL_DIR}`);
    expect(dockerfile).toMatch(new RegExp(`manifest\\.json .*\\s${CONSOLE_MODEL_DIR.replace('/app', '.')}/`));
  });

  it('has nothing of the embedded deployment and no second scoring state', () => {
    for (const name of [
      'FRAUD_DATA_DIR',
      'FRAUD_LAKE_DIR',
      'FRAUD_S3_BUCKET',
      'FRAUD_API_KEYS',
      'FRAUD_DYNAMODB_ENDPOINT',
    ])
      expect(consoleEnv[name], name).toBeUndefined();
  });

  it('has no variable that nothing reads', () => {
    expectEveryVariableUsed(withSecrets(), parse);
  });
});
