// The deployment's two customer-managed KMS keys. Data (buckets, tables, secrets, Athena results) and
// messages (queues, topics) use separate keys because their key policies differ: the message key must
// let S3 and CloudWatch encrypt into queues and topics, which the data key never needs to allow.
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface EncryptionProps {
  retainData: boolean;
}

export class Encryption extends Construct {
  readonly dataKey: kms.Key;
  readonly messageKey: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptionProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'Fraud review: lake, review store, secrets and query results',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.messageKey = new kms.Key(this, 'MessageKey', {
      description: 'Fraud review: ingestion queues, alert and alarm topics',
      enableKeyRotation: true,
      removalPolicy,
    });
    // CloudWatch alarm actions publish to the (encrypted) operations topic as the service itself.
    this.messageKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
  }
}
