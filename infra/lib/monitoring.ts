// Operational alarms, all sent to one encrypted operations topic (separate from the fraud alerts
// topic, whose readers are risk teams, not on-call engineers): Lambda errors, a message in the
// ingestion dead-letter queue, an ingestion backlog, DynamoDB throttling, and the load balancer's
// 5xx answers and unhealthy targets. Missing data is "not breaching": idle systems are healthy.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { HttpCodeElb, HttpCodeTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

import type { TableNames } from '@/lib/store/client';

const FIVE_MINUTES = Duration.minutes(5);

export interface MonitoringProps {
  messageKey: kms.IKey;
  alarmEmail?: string;
  ingestFunction: lambda.IFunction;
  scoringFunction: lambda.IFunction;
  ingestQueue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  tableNames: TableNames;
  loadBalancer: elbv2.IApplicationLoadBalancer;
  targetGroup: elbv2.ApplicationTargetGroup;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'OpsTopic', {
      displayName: 'Fraud review operations alarms',
      masterKey: props.messageKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const alarm = (
      name: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ) => {
      const created = new cloudwatch.Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(created);
    };

    alarm(
      'IngestErrors',
      'The ingestion Lambda failed: an unreadable file (see failed/ in the data bucket) or an outage.',
      props.ingestFunction.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
    );
    alarm(
      'ScoringErrors',
      'The scoring API Lambda failed (its callers got HTTP 500/503 from API Gateway).',
      props.scoringFunction.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
    );
    alarm(
      'DeadLetters',
      'An ingestion event is in the dead-letter queue: a file was not ingested (docs/DEPLOY.md, "Operations").',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      1,
    );
    alarm(
      'IngestBacklog',
      'The oldest inbox event has waited over an hour: ingestion is stuck or far behind.',
      props.ingestQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      3600,
    );
    for (const [role, tableName] of Object.entries(props.tableNames)) {
      const throttles = (metricName: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: tableName },
          period: FIVE_MINUTES,
          statistic: 'Sum',
        });
      alarm(
        `${role[0]!.toUpperCase()}${role.slice(1)}TableThrottles`,
        `DynamoDB throttled requests on ${tableName} (a write-heavy index may need sharding, docs/STORE.md).`,
        new cloudwatch.MathExpression({
          expression: 'reads + writes',
          usingMetrics: { reads: throttles('ReadThrottleEvents'), writes: throttles('WriteThrottleEvents') },
          period: FIVE_MINUTES,
          label: `${tableName} throttle events`,
        }),
        1,
      );
    }
    alarm(
      'LoadBalancer5xx',
      'The console load balancer answered 5xx itself (no healthy task, or a task timed out).',
      props.loadBalancer.metrics.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, {
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      5,
    );
    alarm(
      'Console5xx',
      'The console answered 5xx (a page or action failed: see the console log group).',
      props.targetGroup.metrics.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, {
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      5,
    );
    alarm(
      'ConsoleUnhealthy',
      'A console task fails its health check.',
      props.targetGroup.metrics.unhealthyHostCount({ period: Duration.minutes(1), statistic: 'Maximum' }),
      1,
      3,
    );
  }
}
