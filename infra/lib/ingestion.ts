// Ingestion on AWS: an object created under the data bucket's inbox/ sends an S3 event to an SQS
// queue, and the ingestion Lambda (lib/pipeline/lambda.ts, the module the local worker runs) takes the
// messages one at a time. One at a time is a correctness rule, not a tuning choice: the checkpoint
// carries the card and terminal feature state from file to file, so two concurrent invocations would
// lose one's updates (docs/PIPELINE.md) — hence reserved concurrency 1 and batch size 1. A file the
// handler cannot ingest is moved to failed/ and the invocation throws, so its message lands in the
// dead-letter queue after `ingestMaxReceives` receives.
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

import {
  allowKey,
  allowListing,
  allowObjects,
  allowTables,
  OBJECT_DELETE,
  OBJECT_READ,
  OBJECT_WRITE,
} from './access';
import { bundledCode } from './lambda-code';
import type { ReviewTables } from './review-tables';
import { INGEST_BUNDLE } from './runtime-bundle';
import type { DeploySettings } from './settings';
import { DATA_AREAS } from './storage';

/** SQS pollers the event source may run; 2 is Lambda's minimum (see the note at the event source). */
export const INGEST_POLLERS = 2;

export interface IngestionProps {
  settings: DeploySettings;
  dataBucket: s3.IBucket;
  tables: ReviewTables;
  dataKey: kms.IKey;
  messageKey: kms.IKey;
  alertsTopic: sns.ITopic;
  environment: Record<string, string>;
}

export class Ingestion extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const { settings, dataBucket, dataKey, messageKey } = props;
    const timeout = Duration.minutes(settings.ingestTimeoutMinutes);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: messageKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: messageKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // AWS's rule for Lambda consumers: six function timeouts, so a batch the poller could not hand
      // to the (busy, concurrency 1) function is retried inside one visibility window.
      visibilityTimeout: Duration.minutes(settings.ingestTimeoutMinutes * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: settings.ingestMaxReceives },
    });
    dataBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), {
      prefix: DATA_AREAS.inbox,
    });

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Fraud review ingestion Lambda',
    });
    logGroup.grantWrite(role);

    this.function = new lambda.Function(this, 'Function', {
      description: 'Fraud review: ingest inbox/ files (lib/pipeline/lambda.ts)',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64,
      handler: 'index.handler',
      code: bundledCode(INGEST_BUNDLE),
      memorySize: settings.ingestMemoryMb,
      // One source file plus one lake part at a time in /tmp (docs/PIPELINE.md).
      ephemeralStorageSize: Size.gibibytes(2),
      timeout,
      reservedConcurrentExecutions: 1,
      environment: props.environment,
      logGroup,
      role,
    });
    // Event source mappings do not know about reserved concurrency: pollers that find the function busy
    // get throttled and the message returns after the visibility timeout, counting as a receive. Two
    // pollers (the minimum) keep that rare; the six-timeout visibility window above absorbs it.
    this.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, maxConcurrency: INGEST_POLLERS }),
    );

    // The pipeline's own areas of the store: read sources, move bad ones to failed/, replace and
    // prune lake parts, write quarantine files and the checkpoint. Not models/.
    allowObjects(
      role,
      dataBucket,
      [DATA_AREAS.inbox, DATA_AREAS.lake, DATA_AREAS.quarantine, DATA_AREAS.failed, DATA_AREAS.pipeline],
      [...OBJECT_READ, ...OBJECT_WRITE, ...OBJECT_DELETE],
    );
    allowListing(role, dataBucket);
    allowKey(role, dataKey, 's3', ['kms:Decrypt', 'kms:GenerateDataKey']);
    allowTables(role, props.tables.arns);
    allowKey(role, dataKey, 'dynamodb', [
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'kms:DescribeKey',
    ]);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.alertsTopic.topicArn] }),
    );
    allowKey(role, messageKey, 'sns', ['kms:Decrypt', 'kms:GenerateDataKey']);
  }
}
