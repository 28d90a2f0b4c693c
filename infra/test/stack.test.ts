// The synthesized template, asserted resource by resource: encryption with the stack's own KMS keys
// everywhere data rests or moves (S3, DynamoDB, SQS, SNS, Secrets Manager), no wildcard IAM actions,
// object access scoped to key prefixes, the per-area lifecycle rules, the review tables equal to
// lib/store's tableDefinitions(), the Glue table equal to the lake writer's columns, ingestion's
// concurrency-1 / batch-1 / dead-letter wiring, the Cognito groups and client, and the alarms.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';

import { ROLES } from '@/lib/auth/roles';
import { FEATURE_SETS } from '@/lib/features';
import { AREAS, lakePartKey } from '@/lib/files/keys';
import { BASE_COLUMNS } from '@/lib/lake/transactions-table';
import { CHECKPOINT_KEY } from '@/lib/pipeline/io';
import { tableNames } from '@/lib/store/client';
import { tableDefinitions } from '@/lib/store/tables';

import { COGNITO_CALLBACK_PATH } from '../lib/identity';
import { INGEST_POLLERS } from '../lib/ingestion';
import { LAKE_TABLE_PREFIX } from '../lib/lake-catalog';
import { deploySettings, DeploySettingsError } from '../lib/settings';
import { defaultStack, ofType, SAMPLE, synthesize, type Synthesized } from './support/template';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

let s: Synthesized;
beforeAll(() => {
  s = defaultStack();
});

const props = (id: string): Record<string, unknown> => s.resources[id]?.Properties ?? {};
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const keyIds = () => ofType(s, 'AWS::KMS::Key').map(([id]) => id);
/** `{"Fn::GetAtt": [key, "Arn"]}` of one of the stack's own customer-managed keys. */
const isStackKey = (value: unknown): boolean => {
  const ref = (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
  return !!ref && keyIds().includes(ref[0]) && ref[1] === 'Arn';
};

/** Every Allow statement of a role's inline policies, with its resources resolved to sample ARNs. */
function roleStatements(roleId: string): { actions: string[]; resources: string[]; condition?: unknown }[] {
  return ofType(s, 'AWS::IAM::Policy')
    .filter(([, p]) =>
      list(p.Properties?.Roles as unknown[]).some((r) => (r as { Ref?: string }).Ref === roleId),
    )
    .flatMap(([, p]) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((st) => st.Effect === 'Allow')
    .map((st) => ({
      actions: list(st.Action),
      resources: list(st.Resource).map((r) => s.resolve(r)),
      ...(st.Condition ? { condition: st.Condition } : {}),
    }));
}

describe('the synthesized stack', () => {
  it('synthesizes without errors and without AWS lookups', () => {
    Annotations.fromStack(s.stack).hasNoError('*', Match.anyValue());
    expect(s.stack.account).toMatch(/^\$\{Token/);
    expect(s.parameters).toHaveProperty('ConsoleDomain');
    expect(s.parameters).toHaveProperty('CertificateArn');
  });
});

describe('encryption', () => {
  it('uses two customer-managed keys with rotation', () => {
    expect(keyIds()).toHaveLength(2);
    for (const id of keyIds()) expect(props(id).EnableKeyRotation).toBe(true);
  });

  it('encrypts every bucket with a stack key, blocks public access and denies plain HTTP', () => {
    const buckets = ofType(s, 'AWS::S3::Bucket');
    expect(buckets.map(([id]) => id).sort()).toEqual(
      [s.logicalId(s.stack.storage.dataBucket), s.logicalId(s.stack.storage.resultsBucket)].sort(),
    );
    for (const [id, bucket] of buckets) {
      const [rule] = (
        bucket.Properties?.BucketEncryption as {
          ServerSideEncryptionConfiguration: {
            ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID: unknown };
          }[];
        }
      ).ServerSideEncryptionConfiguration;
      expect(rule?.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
      expect(isStackKey(rule?.ServerSideEncryptionByDefault.KMSMasterKeyID)).toBe(true);
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = ofType(s, 'AWS::S3::BucketPolicy').find(
        ([, p]) => (p.Properties?.Bucket as { Ref?: string }).Ref === id,
      );
      const statements = (policy?.[1].Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('encrypts every table, queue, topic and secret with a stack key', () => {
    const tables = ofType(s, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(4);
    for (const [, table] of tables) {
      const sse = table.Properties?.SSESpecification as Record<string, unknown>;
      expect(sse).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(isStackKey(sse.KMSMasterKeyId)).toBe(true);
    }
    const queues = ofType(s, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    for (const [, queue] of queues) expect(isStackKey(queue.Properties?.KmsMasterKeyId)).toBe(true);
    const topics = ofType(s, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(2);
    for (const [, topic] of topics) expect(isStackKey(topic.Properties?.KmsMasterKeyId)).toBe(true);
    const secrets = ofType(s, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(3);
    for (const [, secret] of secrets) expect(isStackKey(secret.Properties?.KmsKeyId)).toBe(true);
  });

  it('encrypts Athena results with the data key, enforced by the workgroup', () => {
    const [[, workgroup] = ['', { Type: '' }]] = ofType(s, 'AWS::Athena::WorkGroup');
    const config = workgroup.Properties?.WorkGroupConfiguration as {
      EnforceWorkGroupConfiguration: boolean;
      BytesScannedCutoffPerQuery: number;
      ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: string; KmsKey: unknown } };
    };
    expect(config.EnforceWorkGroupConfiguration).toBe(true);
    expect(config.BytesScannedCutoffPerQuery).toBe(10 * 1024 ** 3);
    expect(config.ResultConfiguration.EncryptionConfiguration.EncryptionOption).toBe('SSE_KMS');
    expect(isStackKey(config.ResultConfiguration.EncryptionConfiguration.KmsKey)).toBe(true);
  });
});

describe('IAM', () => {
  it('grants no wildcard action in any identity policy of the stack', () => {
    const wildcards = ofType(s, 'AWS::IAM::Policy').flatMap(([id, p]) =>
      (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement.filter(
        (st) => st.Effect === 'Allow',
      )
        .flatMap((st) => list(st.Action))
        .filter((a) => a.includes('*'))
        .map((a) => `${id}: ${a}`),
    );
    expect(wildcards).toEqual([]);
  });

  it('gives each component only its own objects, tables, topic and secret', () => {
    const bucket = `arn:aws:s3:::${s.resolve({ Ref: s.logicalId(s.stack.storage.dataBucket) })}`;
    const objects = (roleId: string) =>
      roleStatements(roleId)
        .filter((st) => st.actions.some((a) => a.startsWith('s3:') && a !== 's3:ListBucket'))
        .flatMap((st) => st.resources)
        .filter((r) => r.startsWith(`${bucket}/`))
        .map((r) => r.slice(bucket.length + 1))
        .sort();
    const ingest = s.logicalId(s.stack.ingestion.function.role!);
    const scoring = s.logicalId(s.stack.scoring.function.role!);
    const consoleTask = s.logicalId(s.stack.consoleService.service.taskDefinition.taskRole);

    // The pipeline's areas of lib/files' layout, never the whole bucket and never models/.
    expect(objects(ingest)).toEqual(
      [AREAS.failed, AREAS.inbox, AREAS.lake, 'pipeline/', AREAS.quarantine].map((p) => `${p}*`).sort(),
    );
    expect(CHECKPOINT_KEY.startsWith('pipeline/')).toBe(true);
    expect(objects(scoring)).toEqual([CHECKPOINT_KEY]);
    expect(objects(consoleTask)).toEqual([`${LAKE_TABLE_PREFIX}*`]);

    const tableArns = Object.values(tableNames('fraud_')).map(
      (name) => `arn:aws:dynamodb:${SAMPLE.region}:${SAMPLE.account}:table/${name}`,
    );
    const tablesOf = (roleId: string) =>
      roleStatements(roleId)
        .filter((st) => st.actions.some((a) => a.startsWith('dynamodb:')))
        .flatMap((st) => st.resources)
        .sort();
    const expectedTables = tableArns.flatMap((arn) => [arn, `${arn}/index/*`]).sort();
    expect(tablesOf(ingest)).toEqual(expectedTables);
    expect(tablesOf(consoleTask)).toEqual(expectedTables);
    expect(tablesOf(scoring)).toEqual([]);

    const publishers = ofType(s, 'AWS::IAM::Role')
      .map(([id]) => id)
      .filter((id) => roleStatements(id).some((st) => st.actions.includes('sns:Publish')));
    expect(publishers).toEqual([ingest]);
    const secretReaders = roleStatements(scoring).filter((st) =>
      st.actions.includes('secretsmanager:GetSecretValue'),
    );
    expect(secretReaders.flatMap((st) => st.resources)).toEqual([
      s.resolve({ Ref: s.logicalId(s.stack.scoring.apiKeys) }),
    ]);
  });

  it('limits every KMS grant of the components to one key and one service', () => {
    for (const role of [s.stack.ingestion.function.role!, s.stack.scoring.function.role!]) {
      for (const st of roleStatements(s.logicalId(role)).filter((x) =>
        x.actions.some((a) => a.startsWith('kms:')),
      )) {
        expect(st.resources).toHaveLength(1);
        // The SQS event source's own grant (decrypting the queue's messages) carries no condition.
        if (!st.condition) expect(st.actions).toEqual(['kms:Decrypt']);
        else expect(JSON.stringify(st.condition)).toContain('kms:ViaService');
      }
    }
  });
});

describe('lifecycle', () => {
  const rules = (bucketId: string) =>
    (props(bucketId).LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;

  it('archives inbox/ and lake/ after 180 days and expires each area on its own schedule', () => {
    const data = rules(s.logicalId(s.stack.storage.dataBucket));
    const byPrefix = (prefix: string) => data.find((r) => r.Prefix === prefix);
    for (const [prefix, days] of [
      [AREAS.inbox, 365],
      [AREAS.lake, 2555],
    ] as const) {
      expect(byPrefix(prefix)).toMatchObject({
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 180 }],
        ExpirationInDays: days,
      });
    }
    expect(byPrefix(AREAS.quarantine)).toMatchObject({ ExpirationInDays: 180 });
    expect(byPrefix(AREAS.failed)).toMatchObject({ ExpirationInDays: 180 });
    // Models and the checkpoint are never expired.
    expect(byPrefix(AREAS.models)).toBeUndefined();
    expect(byPrefix('pipeline/')).toBeUndefined();
    expect(data).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    );
    expect(rules(s.logicalId(s.stack.storage.resultsBucket))).toContainEqual(
      expect.objectContaining({ Prefix: 'athena/', ExpirationInDays: 7 }),
    );
  });

  it('takes the retention from CDK context, and refuses an expiry before the archive move', () => {
    const custom = synthesize({
      lakeRetentionDays: 400,
      archiveAfterDays: 90,
      archiveStorageClass: 'GLACIER',
    });
    const lake = (
      custom.resources[custom.logicalId(custom.stack.storage.dataBucket)]?.Properties
        ?.LifecycleConfiguration as {
        Rules: Record<string, unknown>[];
      }
    ).Rules.find((r) => r.Prefix === AREAS.lake);
    expect(lake).toMatchObject({
      ExpirationInDays: 400,
      Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
    });
    const context: Record<string, unknown> = { lakeRetentionDays: '100', archiveAfterDays: '180' };
    expect(() => deploySettings((k) => context[k])).toThrow(DeploySettingsError);
    expect(() => deploySettings((k) => context[k])).toThrow(/lakeRetentionDays/);
    expect(() => deploySettings((k) => ({ tablePrefix: 'bad prefix!' })[k])).toThrow(/tablePrefix/);
  });
});

describe('data retention on stack deletion', () => {
  it('retains buckets, tables, the user pool and keys by default, and deletes them with retainData=false', () => {
    const policies = (x: Synthesized, type: string) =>
      Object.values(x.resources)
        .filter((r) => r.Type === type)
        .map((r) => (r as { DeletionPolicy?: string }).DeletionPolicy);
    const kinds = ['AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::Cognito::UserPool', 'AWS::KMS::Key'];
    for (const type of kinds) expect(new Set(policies(s, type)), type).toEqual(new Set(['Retain']));
    const disposable = synthesize({ retainData: 'false' });
    for (const type of kinds) expect(new Set(policies(disposable, type)), type).toEqual(new Set(['Delete']));
    for (const [, table] of ofType(disposable, 'AWS::DynamoDB::Table'))
      expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
  });
});

describe('review store', () => {
  it('deploys exactly lib/store tableDefinitions(), on demand, with point-in-time recovery', () => {
    const deployed = ofType(s, 'AWS::DynamoDB::Table').map(([, t]) => t.Properties ?? {});
    const definitions = tableDefinitions(tableNames('fraud_'));
    expect(deployed.map((t) => t.TableName).sort()).toEqual(definitions.map((d) => d.TableName).sort());
    for (const definition of definitions) {
      const table = deployed.find((t) => t.TableName === definition.TableName)!;
      expect(table.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.KeySchema).toEqual(definition.KeySchema);
      expect(table.AttributeDefinitions).toEqual(definition.AttributeDefinitions);
      expect(table.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
    }
  });
});

describe('lake catalog', () => {
  it('has the lake writer’s columns, a string dt partition projected by day, and the files’ location', () => {
    const [[, table] = ['', { Type: '' }]] = ofType(s, 'AWS::Glue::Table');
    const input = table.Properties?.TableInput as {
      Name: string;
      PartitionKeys: unknown;
      Parameters: Record<string, unknown>;
      StorageDescriptor: { Columns: { Name: string; Type: string }[]; Location: unknown };
    };
    expect(input.Name).toBe('transactions');
    expect(input.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    const names = input.StorageDescriptor.Columns.map((c) => c.Name);
    expect(names).toEqual([...BASE_COLUMNS.map(([n]) => n), ...FEATURE_SETS.realistic]);
    for (const column of input.StorageDescriptor.Columns) expect(column.Name).toMatch(/^[a-z0-9_]+$/);
    expect(input.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy-MM-dd',
      'projection.dt.interval': '1',
      'projection.dt.interval.unit': 'DAYS',
    });
    // The projected location of a day is where lib/files puts that day's parts.
    const bucket = s.resolve({ Ref: s.logicalId(s.stack.storage.dataBucket) });
    const template = s.resolve(input.Parameters['storage.location.template']);
    const partKey = lakePartKey('2026-01-02', 'x');
    expect(`s3://${bucket}/${partKey}`.startsWith(template.replace('${dt}', '2026-01-02'))).toBe(true);
    expect(s.resolve(input.StorageDescriptor.Location)).toBe(`s3://${bucket}/${LAKE_TABLE_PREFIX}`);
  });
});

describe('ingestion', () => {
  const ingestId = () => s.logicalId(s.stack.ingestion.function);
  const queueId = () => s.logicalId(s.stack.ingestion.queue);
  const dlqId = () => s.logicalId(s.stack.ingestion.deadLetterQueue);

  it('runs one invocation at a time, one message per invocation', () => {
    expect(props(ingestId()).ReservedConcurrentExecutions).toBe(1);
    const [[, mapping] = ['', { Type: '' }]] = ofType(s, 'AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties).toMatchObject({
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: INGEST_POLLERS },
      EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
      FunctionName: { Ref: ingestId() },
    });
  });

  it('feeds the queue from inbox/ only, and dead-letters after the configured receives', () => {
    const [[, notifications] = ['', { Type: '' }]] = ofType(s, 'Custom::S3BucketNotifications');
    expect(notifications.Properties?.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: AREAS.inbox }] } },
          QueueArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        },
      ],
    });
    expect(props(queueId()).RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId(), 'Arn'] },
      maxReceiveCount: 5,
    });
    // Six function timeouts (AWS's rule for Lambda consumers).
    expect(props(queueId()).VisibilityTimeout).toBe(6 * Number(props(ingestId()).Timeout));
  });

  it('alarms on a dead letter, on errors and on a backlog, to the operations topic', () => {
    const alarms = ofType(s, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties ?? {});
    const ops = { Ref: s.logicalId(s.stack.monitoring.topic) };
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([ops]);
    const onDlq = alarms.find(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions).includes(dlqId()),
    );
    expect(onDlq).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const errorsOf = (fnId: string) =>
      alarms.find((a) => a.MetricName === 'Errors' && JSON.stringify(a.Dimensions).includes(fnId));
    expect(errorsOf(ingestId())).toMatchObject({ Threshold: 1 });
    expect(errorsOf(s.logicalId(s.stack.scoring.function))).toMatchObject({ Threshold: 1 });
    expect(alarms.find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage')).toBeDefined();
    const throttled = alarms.filter((a) => JSON.stringify(a.Metrics ?? '').includes('WriteThrottleEvents'));
    expect(
      throttled.map((a) => JSON.stringify(a.Metrics).match(/"TableName","Value":"([^"]+)"/)?.[1]).sort(),
    ).toEqual(Object.values(tableNames('fraud_')).sort());
    expect(alarms.find((a) => a.MetricName === 'HTTPCode_ELB_5XX_Count')).toBeDefined();
    expect(alarms.find((a) => a.MetricName === 'HTTPCode_Target_5XX_Count')).toBeDefined();
  });
});

describe('sign-in', () => {
  it('has one Cognito group per console role', () => {
    const groups = ofType(s, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties?.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('has a confidential code-flow client calling back to next-auth’s Cognito route, and a hosted domain', () => {
    const [[, client] = ['', { Type: '' }]] = ofType(s, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(client.Properties?.AllowedOAuthScopes).toContain('openid');
    expect((client.Properties?.CallbackURLs as unknown[]).map((u) => s.resolve(u))).toEqual([
      `https://${SAMPLE.consoleDomain}${COGNITO_CALLBACK_PATH}`,
    ]);
    expect(ofType(s, 'AWS::Cognito::UserPoolDomain')).toHaveLength(1);
    expect(props(s.logicalId(s.stack.identity.userPool)).AdminCreateUserConfig).toMatchObject({
      AllowAdminCreateUserOnly: true,
    });
  });
});

describe('scoring API and console', () => {
  it('routes POST /api/v1/score and GET /healthz to the scoring Lambda, throttled', () => {
    const routes = ofType(s, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey);
    expect(routes.sort()).toEqual(['GET /healthz', 'POST /api/v1/score']);
    const [[, stage] = ['', { Type: '' }]] = ofType(s, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties?.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: 100,
      ThrottlingRateLimit: 50,
    });
  });

  it('serves the console over HTTPS only (HTTP redirects) with a modern TLS policy', () => {
    const listeners = ofType(s, 'AWS::ElasticLoadBalancingV2::Listener').map(([, l]) => l.Properties ?? {});
    expect(listeners.find((l) => l.Port === 443)).toMatchObject({
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: { Ref: 'CertificateArn' } }],
    });
    expect(listeners.find((l) => l.Port === 80)?.DefaultActions).toEqual([
      expect.objectContaining({ Type: 'redirect' }),
    ]);
  });
});
