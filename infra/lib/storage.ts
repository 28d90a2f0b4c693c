// The buckets. One data bucket holds lib/files' whole key layout (FRAUD_S3_BUCKET: inbox/, lake/,
// quarantine/, failed/, models/, pipeline/), because the pipeline moves objects between those areas
// and keeps its checkpoint beside them; retention differs per area, so lifecycle rules are per
// prefix. A second bucket takes Athena's query results, which are disposable.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

import { AREAS } from '@/lib/files/keys';

import type { DeploySettings } from './settings';

/** Areas of the data bucket, as lib/files names them (plus the pipeline's checkpoint folder). */
export const DATA_AREAS = { ...AREAS, pipeline: 'pipeline/' } as const;

/** Where Athena writes results inside the results bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena/';

export interface StorageProps {
  settings: DeploySettings;
  key: kms.IKey;
}

export class Storage extends Construct {
  readonly dataBucket: s3.Bucket;
  readonly resultsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const { settings, key } = props;
    const archiveClass =
      settings.archiveStorageClass === 'GLACIER_IR'
        ? s3.StorageClass.GLACIER_INSTANT_RETRIEVAL
        : s3.StorageClass.GLACIER;
    const archive = (prefix: string, keepDays: number): s3.LifecycleRule => ({
      id: `archive-${prefix.replace(/\/$/, '')}`,
      prefix,
      transitions: [
        { storageClass: archiveClass, transitionAfter: Duration.days(settings.archiveAfterDays) },
      ],
      expiration: Duration.days(keepDays),
    });
    const expire = (prefix: string, keepDays: number): s3.LifecycleRule => ({
      id: `expire-${prefix.replace(/\/$/, '')}`,
      prefix,
      expiration: Duration.days(keepDays),
    });

    this.dataBucket = new s3.Bucket(this, 'DataBucket', {
      ...secureBucket(key, settings.retainData),
      // Lake parts and the checkpoint are replaced in place; versions undo a bad write for 30 days.
      versioned: true,
      lifecycleRules: [
        archive(DATA_AREAS.inbox, settings.inboxRetentionDays),
        archive(DATA_AREAS.lake, settings.lakeRetentionDays),
        expire(DATA_AREAS.quarantine, settings.quarantineRetentionDays),
        expire(DATA_AREAS.failed, settings.quarantineRetentionDays),
        // docs/FILES.md: uploads killed before they could abort leave parts behind.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
    });

    this.resultsBucket = new s3.Bucket(this, 'AthenaResultsBucket', {
      ...secureBucket(key, settings.retainData),
      lifecycleRules: [
        expire(ATHENA_RESULTS_PREFIX, settings.athenaResultsRetentionDays),
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }
}

/** KMS with the customer-managed key, no public access, TLS 1.2+ only, owner-enforced objects. */
function secureBucket(key: kms.IKey, retain: boolean): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    // One data key per bucket instead of one KMS call per object: the lake is many small parts.
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !retain,
  };
}
