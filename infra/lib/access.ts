// Least-privilege grants written out action by action. CDK's grant helpers give wildcard actions
// (`s3:GetObject*`, `s3:List*`, `kms:ReEncrypt*`, `kms:GenerateDataKey*`); here every action is named,
// object access is scoped to key prefixes, and KMS use is limited to the one service that needs it
// (kms:ViaService), so a role that may read the lake cannot decrypt anything else with the same key.
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';

export const OBJECT_READ = ['s3:GetObject'] as const;
export const OBJECT_WRITE = [
  's3:PutObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
] as const;
export const OBJECT_DELETE = ['s3:DeleteObject'] as const;

/** Object actions on keys under `prefixes` (each ends with `/`, or names one object). */
export function allowObjects(
  grantee: iam.IGrantable,
  bucket: s3.IBucket,
  prefixes: readonly string[],
  actions: readonly string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...actions],
      resources: prefixes.map((p) => bucket.arnForObjects(p.endsWith('/') ? `${p}*` : p)),
    }),
  );
}

/**
 * Listing. Without `prefixes` the whole bucket: S3 answers a GET or HEAD of a missing key with 403
 * instead of 404 unless the caller may list the bucket, and the file store relies on "not found"
 * (a first run has no checkpoint). Athena-only readers get a listing limited to their prefixes.
 */
export function allowListing(
  grantee: iam.IGrantable,
  bucket: s3.IBucket,
  prefixes?: readonly string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:ListBucket', 's3:GetBucketLocation'],
      resources: [bucket.bucketArn],
      ...(prefixes ? { conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } } } : {}),
    }),
  );
  if (prefixes) {
    // GetBucketLocation carries no s3:prefix, so the condition above would never match it.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [bucket.bucketArn] }),
    );
  }
}

export type KeyService = 's3' | 'dynamodb' | 'sqs' | 'sns' | 'secretsmanager';

/** Use of `key` only through `service` in this account and region. */
export function allowKey(
  grantee: iam.IGrantable,
  key: kms.IKey,
  service: KeyService,
  actions: readonly ('kms:Decrypt' | 'kms:Encrypt' | 'kms:GenerateDataKey' | 'kms:DescribeKey')[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...actions],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Aws.REGION}.amazonaws.com` } },
    }),
  );
}

/**
 * Exactly the calls lib/store makes: DescribeTable (openStore checks the tables and their indexes),
 * reads, conditional puts and updates, batches. No Scan, DeleteItem or CreateTable: the store never
 * scans or deletes, and the tables come from this stack.
 */
export const TABLE_ACTIONS = [
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
] as const;

/** The store's actions on `tableArns` and their indexes (queries go through the GSIs). */
export function allowTables(grantee: iam.IGrantable, tableArns: readonly string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...TABLE_ACTIONS],
      resources: tableArns.flatMap((arn) => [arn, `${arn}/index/*`]),
    }),
  );
}
