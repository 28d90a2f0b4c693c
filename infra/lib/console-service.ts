// The review console on AWS: the Next.js server as a Fargate service in private subnets behind an
// internet-facing HTTPS load balancer. The image is the repository's Dockerfile, built by `cdk deploy`
// (Docker is needed then, not at synth), or an already-pushed ECR image (`consoleImage`). Sign-in and
// session secrets reach the container from Secrets Manager; the task role may use the review tables
// and run the console's Athena queries, nothing else.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

import { allowKey, allowTables } from './access';
import type { LakeCatalog } from './lake-catalog';
import type { ReviewTables } from './review-tables';
import { REPO_ROOT } from './runtime-bundle';
import type { DeploySettings } from './settings';

/** The port `next start` listens on in the image. */
export const CONSOLE_PORT = 3000;
/** Public, cheap, and only healthy when the sign-in configuration parses (next-auth's providers list). */
export const HEALTH_CHECK_PATH = '/api/auth/providers';

export interface ConsoleServiceProps {
  settings: DeploySettings;
  certificateArn: string;
  tables: ReviewTables;
  catalog: LakeCatalog;
  dataKey: kms.IKey;
  environment: Record<string, string>;
  cognitoClientSecret: secretsmanager.ISecret;
}

export class ConsoleService extends Construct {
  readonly service: ecsPatterns.ApplicationLoadBalancedFargateService;
  readonly sessionSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ConsoleServiceProps) {
    super(scope, id);
    const { settings, dataKey } = props;
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: settings.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // Free endpoints: DynamoDB and S3 traffic skips the NAT gateway (and its per-GB charge).
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc });

    this.sessionSecret = new secretsmanager.Secret(this, 'SessionSecret', {
      description: 'Fraud review console: NEXTAUTH_SECRET (signs and encrypts session cookies)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      encryptionKey: dataKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Fraud review console task',
    });
    allowTables(taskRole, props.tables.arns);
    allowKey(taskRole, dataKey, 'dynamodb', [
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'kms:DescribeKey',
    ]);
    props.catalog.grantQueries(taskRole);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.service = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Service', {
      cluster,
      cpu: settings.consoleCpu,
      memoryLimitMiB: settings.consoleMemoryMb,
      desiredCount: settings.consoleTasks,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      taskImageOptions: {
        image: this.image(settings),
        containerName: 'console',
        containerPort: CONSOLE_PORT,
        environment: props.environment,
        secrets: {
          FRAUD_COGNITO_CLIENT_SECRET: ecs.Secret.fromSecretsManager(props.cognitoClientSecret),
          NEXTAUTH_SECRET: ecs.Secret.fromSecretsManager(this.sessionSecret),
        },
        logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'console', logGroup }),
        taskRole,
      },
      taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      publicLoadBalancer: true,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      redirectHTTP: true,
      // Dashboard queries may run up to Athena's 60 s timeout.
      idleTimeout: Duration.seconds(120),
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      healthCheckGracePeriod: Duration.seconds(60),
    });
    this.service.targetGroup.configureHealthCheck({
      path: HEALTH_CHECK_PATH,
      healthyHttpCodes: '200',
      interval: Duration.seconds(30),
    });
    this.service.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '30');
    this.service.loadBalancer.setAttribute('routing.http.drop_invalid_header_fields.enabled', 'true');
  }

  private image(settings: DeploySettings): ecs.ContainerImage {
    if (settings.consoleImage) {
      // `<repository>:<tag>` in this account's ECR: the execution role gets pull rights on that repository.
      const [repository, tag] = settings.consoleImage.split(':') as [string, string];
      return ecs.ContainerImage.fromEcrRepository(
        ecr.Repository.fromRepositoryName(this, 'ImageRepository', repository),
        tag,
      );
    }
    // Built and pushed by `cdk deploy` from the repository root (.dockerignore keeps the context small).
    return ecs.ContainerImage.fromAsset(REPO_ROOT, { platform: Platform.LINUX_AMD64 });
  }
}
