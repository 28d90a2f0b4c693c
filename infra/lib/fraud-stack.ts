// The whole AWS deployment as one stack: the embedded defaults' AWS counterparts (docs/DEPLOY.md's
// table), wired so each component receives exactly the environment lib/*'s parsers read
// (component-env.ts). Environment-agnostic (no account or region at synth, no context lookups), so
// `cdk synth` runs offline; the console's domain and certificate are deploy-time parameters.
import { Aws, CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

import { consoleEnvironment, ingestEnvironment, scoringEnvironment } from './component-env';
import { ConsoleService } from './console-service';
import { Encryption } from './encryption';
import { Identity } from './identity';
import { Ingestion } from './ingestion';
import { LakeCatalog } from './lake-catalog';
import { Monitoring } from './monitoring';
import { ReviewTables } from './review-tables';
import { ScoringApi } from './scoring-api';
import type { DeploySettings } from './settings';
import { DATA_AREAS, Storage } from './storage';

export interface FraudStackProps extends StackProps {
  settings: DeploySettings;
}

export class FraudStack extends Stack {
  readonly storage: Storage;
  readonly tables: ReviewTables;
  readonly catalog: LakeCatalog;
  readonly identity: Identity;
  readonly ingestion: Ingestion;
  readonly scoring: ScoringApi;
  readonly consoleService: ConsoleService;
  readonly alertsTopic: sns.Topic;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: FraudStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const consoleDomain = new CfnParameter(this, 'ConsoleDomain', {
      type: 'String',
      description:
        'The console host name, e.g. fraud.example.com (point a DNS CNAME at ConsoleLoadBalancerDns)',
      allowedPattern: '^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$',
      constraintDescription: 'a lower-case DNS name such as fraud.example.com',
    });
    const certificateArn = new CfnParameter(this, 'CertificateArn', {
      type: 'String',
      description: 'ARN of an ACM certificate for ConsoleDomain, in the stack region',
      allowedPattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+$',
      constraintDescription: 'an ACM certificate ARN',
    });
    const consoleUrl = `https://${consoleDomain.valueAsString}`;

    const keys = new Encryption(this, 'Encryption', { retainData: settings.retainData });
    this.storage = new Storage(this, 'Storage', { settings, key: keys.dataKey });
    this.tables = new ReviewTables(this, 'ReviewStore', {
      tablePrefix: settings.tablePrefix,
      key: keys.dataKey,
      retainData: settings.retainData,
    });
    this.catalog = new LakeCatalog(this, 'Lake', {
      settings,
      dataBucket: this.storage.dataBucket,
      resultsBucket: this.storage.resultsBucket,
      key: keys.dataKey,
    });
    this.identity = new Identity(this, 'Identity', {
      consoleUrl,
      key: keys.dataKey,
      retainData: settings.retainData,
    });
    this.alertsTopic = new sns.Topic(this, 'AlertsTopic', {
      displayName: 'Fraud alerts (high-risk transactions, fraud-rate breaches)',
      masterKey: keys.messageKey,
      enforceSSL: true,
    });

    const store = { region: Aws.REGION, tablePrefix: settings.tablePrefix };
    this.ingestion = new Ingestion(this, 'Ingestion', {
      settings,
      dataBucket: this.storage.dataBucket,
      tables: this.tables,
      dataKey: keys.dataKey,
      messageKey: keys.messageKey,
      alertsTopic: this.alertsTopic,
      environment: ingestEnvironment({
        ...store,
        dataBucket: this.storage.dataBucket.bucketName,
        alertsTopicArn: this.alertsTopic.topicArn,
      }),
    });
    this.scoring = new ScoringApi(this, 'Scoring', {
      settings,
      dataBucket: this.storage.dataBucket,
      dataKey: keys.dataKey,
      environment: (apiKeysSecretArn) =>
        scoringEnvironment({
          region: Aws.REGION,
          dataBucket: this.storage.dataBucket.bucketName,
          apiKeysSecretArn,
        }),
    });
    this.consoleService = new ConsoleService(this, 'Console', {
      settings,
      certificateArn: certificateArn.valueAsString,
      tables: this.tables,
      catalog: this.catalog,
      dataKey: keys.dataKey,
      cognitoClientSecret: this.identity.clientSecret,
      environment: consoleEnvironment({
        ...store,
        athenaWorkGroup: this.catalog.workGroupName,
        athenaDatabase: this.catalog.databaseName,
        athenaTable: this.catalog.tableName,
        athenaOutput: this.catalog.outputLocation,
        userPoolId: this.identity.userPool.userPoolId,
        clientId: this.identity.client.userPoolClientId,
        consoleUrl,
      }),
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      messageKey: keys.messageKey,
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
      ingestFunction: this.ingestion.function,
      scoringFunction: this.scoring.function,
      ingestQueue: this.ingestion.queue,
      deadLetterQueue: this.ingestion.deadLetterQueue,
      tableNames: this.tables.names,
      loadBalancer: this.consoleService.service.loadBalancer,
      targetGroup: this.consoleService.service.targetGroup,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ConsoleUrl', consoleUrl, 'The review console');
    output(
      'ConsoleLoadBalancerDns',
      this.consoleService.service.loadBalancer.loadBalancerDnsName,
      'CNAME target for ConsoleDomain',
    );
    output('ScoringApiUrl', `${this.scoring.url}api/v1/score`, 'POST transactions here with x-api-key');
    output(
      'ApiKeysSecretArn',
      this.scoring.apiKeys.secretArn,
      'Put "name:<sha256>,…" (npm run api:key) here',
    );
    output('DataBucketName', this.storage.dataBucket.bucketName, 'FRAUD_S3_BUCKET');
    output(
      'InboxUri',
      `s3://${this.storage.dataBucket.bucketName}/${DATA_AREAS.inbox}`,
      'Drop transaction files here',
    );
    output(
      'UserPoolId',
      this.identity.userPool.userPoolId,
      'Cognito user pool (groups analyst, manager, admin)',
    );
    output('HostedSignInDomain', this.identity.domain.baseUrl(), 'Cognito hosted sign-in');
    output('AlertsTopicArn', this.alertsTopic.topicArn, 'Fraud alerts: subscribe e-mail, SQS, HTTPS …');
    output('OpsTopicArn', this.monitoring.topic.topicArn, 'Operational alarms');
    output('DeadLetterQueueUrl', this.ingestion.deadLetterQueue.queueUrl, 'Ingestion events that failed');
    output('AthenaWorkGroup', this.catalog.workGroupName, 'Ad-hoc queries over the lake');
  }
}
