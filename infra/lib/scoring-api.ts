// The real-time scoring API on AWS: an API Gateway HTTP API (`POST /api/v1/score`, `GET /healthz`)
// in front of a Lambda running lib/scoring's handler (infra/runtime/scoring-lambda.ts). The API-key
// check is the handler's own (hashed keys, constant-time compare); the keys live in a Secrets Manager
// secret that starts blank (the API answers 503 until keys are put in it, docs/DEPLOY.md). The stage
// throttles requests so unauthenticated floods cost little.
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

import { CHECKPOINT_KEY } from '@/lib/pipeline/io';
import { HEALTH_PATH, SCORE_PATH } from '@/lib/scoring/http-server';

import { allowKey, allowListing, allowObjects, OBJECT_READ } from './access';
import { bundledCode } from './lambda-code';
import { SCORING_BUNDLE } from './runtime-bundle';
import type { DeploySettings } from './settings';

export interface ScoringApiProps {
  settings: DeploySettings;
  dataBucket: s3.IBucket;
  dataKey: kms.IKey;
  /** Built by the stack from the secret's ARN (component-env.ts). */
  environment: (apiKeysSecretArn: string) => Record<string, string>;
}

export class ScoringApi extends Construct {
  readonly function: lambda.Function;
  readonly apiKeys: secretsmanager.Secret;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ScoringApiProps) {
    super(scope, id);
    const { settings, dataBucket, dataKey } = props;
    this.apiKeys = new secretsmanager.Secret(this, 'ApiKeys', {
      description: `Fraud review scoring API keys: "name:<sha256>,…" from npm run api:key (${Stack.of(this).stackName})`,
      // Blank means "no key configured": the handler answers 503 until an operator puts keys here.
      secretStringValue: SecretValue.unsafePlainText(' '),
      encryptionKey: dataKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Fraud review scoring Lambda',
    });
    logGroup.grantWrite(role);

    this.function = new lambda.Function(this, 'Function', {
      description: 'Fraud review: real-time scoring API (lib/scoring)',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64,
      handler: 'index.handler',
      code: bundledCode(SCORING_BUNDLE),
      memorySize: settings.scoringMemoryMb,
      // Below API Gateway's 30 s integration limit, so a slow start is reported by the function.
      timeout: Duration.seconds(28),
      environment: props.environment(this.apiKeys.secretArn),
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(
        lambda.ParamsAndSecretsVersions.V1_0_103,
        {
          cacheEnabled: true,
          // The handler re-reads keys every minute (scoring-lambda.ts); the cache should not outlive that.
          secretsManagerTtl: Duration.seconds(60),
        },
      ),
      logGroup,
      role,
    });
    // The extension reads the secret with the function's role.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.apiKeys.secretArn],
      }),
    );
    allowKey(role, dataKey, 'secretsmanager', ['kms:Decrypt']);
    // The feature state to start from: the ingestion checkpoint, and nothing else of the bucket.
    allowObjects(role, dataBucket, [CHECKPOINT_KEY], OBJECT_READ);
    allowListing(role, dataBucket);
    allowKey(role, dataKey, 's3', ['kms:Decrypt']);

    const api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Fraud review real-time scoring (x-api-key)',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.scoringRateLimit, burstLimit: settings.scoringBurstLimit },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs) },
    });
    const integration = new HttpLambdaIntegration('Scoring', this.function);
    api.addRoutes({ path: SCORE_PATH, methods: [apigwv2.HttpMethod.POST], integration });
    api.addRoutes({ path: HEALTH_PATH, methods: [apigwv2.HttpMethod.GET], integration });
    this.url = stage.url;
  }
}
