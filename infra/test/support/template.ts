// Test support for the infra suites: the stack synthesized once per test process with the deploy's own
// context (cdk.json: feature flags) and bundling skipped, and a resolver that turns the template's
// CloudFormation expressions (Ref, Fn::GetAtt, Fn::Join …) into plausible sample values, so each
// component's environment can be fed to the application's own config parsers.
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll } from 'vitest';

import { FraudStack } from '../../lib/fraud-stack';
import { REPO_ROOT } from '../../lib/runtime-bundle';
import { deploySettings } from '../../lib/settings';

export const SAMPLE = {
  // s3rver only signs for us-east-1, and the integration test reuses these values against it.
  region: 'us-east-1',
  account: '123456789012',
  consoleDomain: 'fraud.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0e5c1d8a-1111-4222-8333-944455556666',
} as const;

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
export type Resources = Record<string, Resource>;

export interface Synthesized {
  stack: FraudStack;
  template: Template;
  resources: Resources;
  parameters: Record<string, unknown>;
  logicalId(construct: IConstruct): string;
  /** Sample value of a template expression. */
  resolve(value: unknown): string;
}

const cdkContext = (): Record<string, unknown> =>
  (
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;

// Cloud assemblies are only read in memory; they go when the importing test file is done.
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A synthesized stack; `context` adds CDK context (deployment settings) to cdk.json's. */
export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const outdir = fs.mkdtempSync(path.join(tmpdir(), 'fraud-cdk-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: {
      ...cdkContext(),
      // Template tests need no Lambda bundles (the bundle has its own test) nor staged image contexts.
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:disable-asset-staging': true,
      ...context,
    },
  });
  const settings = deploySettings((key) => app.node.tryGetContext(key));
  const stack = new FraudStack(app, settings.stackName, { settings });
  const template = Template.fromStack(stack);
  const json = template.toJSON() as { Resources: Resources; Parameters?: Record<string, unknown> };
  const resources = json.Resources;
  return {
    stack,
    template,
    resources,
    parameters: json.Parameters ?? {},
    logicalId: (construct) => {
      const element = (construct.node.defaultChild ?? construct) as CfnElement;
      return stack.getLogicalId(element);
    },
    resolve: (value) => resolveSample(value, resources, stack.stackName),
  };
}

let cached: Synthesized | null = null;
/** The default deployment, synthesized once per test file (each vitest file is its own process). */
export function defaultStack(): Synthesized {
  cached ??= synthesize();
  return cached;
}

const ARN_SERVICE: Record<string, string> = {
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::SQS::Queue': 'sqs',
  'AWS::KMS::Key': 'kms',
  'AWS::Lambda::Function': 'lambda',
  'AWS::IAM::Role': 'iam',
  'AWS::Cognito::UserPool': 'cognito-idp',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'elasticloadbalancing',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'elasticloadbalancing',
  'AWS::Logs::LogGroup': 'logs',
};

const lower = (id: string) => id.toLowerCase().replace(/[^a-z0-9]/g, '');

function sampleRef(id: string, resources: Resources, stackName: string): string {
  const { region, account } = SAMPLE;
  switch (id) {
    case 'AWS::Region':
      return region;
    case 'AWS::AccountId':
      return account;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::StackName':
      return stackName;
    case 'ConsoleDomain':
      return SAMPLE.consoleDomain;
    case 'CertificateArn':
      return SAMPLE.certificateArn;
  }
  const resource = resources[id];
  if (!resource) throw new Error(`Ref to ${id}: no such resource or parameter`);
  const props = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::S3::Bucket':
      return `sample-${lower(id)}`.slice(0, 63);
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${region}:${account}:${id}`;
    case 'AWS::Cognito::UserPool':
      return `${region}_${lower(id).slice(0, 9)}`;
    case 'AWS::Cognito::UserPoolClient':
      return `${lower(id)}client`;
    case 'AWS::SecretsManager::Secret':
      return `arn:aws:secretsmanager:${region}:${account}:secret:${id}-AbCdEf`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${region}.amazonaws.com/${account}/${id}`;
    case 'AWS::DynamoDB::Table':
      return String(props.TableName);
    case 'AWS::Athena::WorkGroup':
      return String(props.Name);
    case 'AWS::Glue::Database':
      return String((props.DatabaseInput as { Name: string }).Name);
    default:
      return `sample-${lower(id)}`;
  }
}

function sampleAttribute(id: string, attribute: string, resources: Resources, stackName: string): string {
  const resource = resources[id];
  if (!resource) throw new Error(`Fn::GetAtt on ${id}: no such resource`);
  if (attribute === 'Arn') {
    if (resource.Type === 'AWS::S3::Bucket') return `arn:aws:s3:::${sampleRef(id, resources, stackName)}`;
    if (resource.Type === 'AWS::DynamoDB::Table')
      return `arn:aws:dynamodb:${SAMPLE.region}:${SAMPLE.account}:table/${sampleRef(id, resources, stackName)}`;
    const service = ARN_SERVICE[resource.Type] ?? 'sample';
    return `arn:aws:${service}:${SAMPLE.region}:${SAMPLE.account}:${id}`;
  }
  if (resource.Type === 'AWS::SQS::Queue' && attribute === 'QueueName') return id;
  return `sample-${lower(id)}-${lower(attribute)}`;
}

/** A template value with every intrinsic replaced by a sample; unknown intrinsics throw. */
export function resolveSample(value: unknown, resources: Resources, stackName: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const [fn, args] = entries[0] ?? [];
    if (entries.length === 1) {
      if (fn === 'Ref') return sampleRef(String(args), resources, stackName);
      if (fn === 'Fn::GetAtt') {
        const [id, attribute] = (Array.isArray(args) ? args : String(args).split('.')) as [string, string];
        return sampleAttribute(id, attribute, resources, stackName);
      }
      if (fn === 'Fn::Join') {
        const [separator, parts] = args as [string, unknown[]];
        return parts.map((p) => resolveSample(p, resources, stackName)).join(separator);
      }
      if (fn === 'Fn::Sub' && typeof args === 'string') {
        return args.replace(/\$\{([^}]+)\}/g, (_, name: string) => sampleRef(name, resources, stackName));
      }
      if (fn === 'Fn::Select') {
        const [index, list] = args as [number, unknown];
        const items = Array.isArray(list)
          ? list.map((i) => resolveSample(i, resources, stackName))
          : splitOf(list);
        return items[index] ?? '';
      }
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);

  function splitOf(list: unknown): string[] {
    const split = (list as { 'Fn::Split'?: [string, unknown] })['Fn::Split'];
    if (!split) throw new Error(`cannot resolve list ${JSON.stringify(list)}`);
    return resolveSample(split[1], resources, stackName).split(split[0]);
  }
}

/** A Lambda function's environment, resolved. */
export function lambdaEnvironment(s: Synthesized, logicalId: string): Record<string, string> {
  const props = s.resources[logicalId]?.Properties as
    { Environment?: { Variables?: Record<string, unknown> } } | undefined;
  if (!props) throw new Error(`no function ${logicalId}`);
  return Object.fromEntries(
    Object.entries(props.Environment?.Variables ?? {}).map(([k, v]) => [k, s.resolve(v)]),
  );
}

export interface ContainerEnvironment {
  environment: Record<string, string>;
  /** Secret variable → logical id of the Secrets Manager secret it comes from. */
  secrets: Record<string, string>;
}

/** The environment and secrets of a task definition's (single) container. */
export function containerEnvironment(s: Synthesized, taskDefinitionId: string): ContainerEnvironment {
  const props = s.resources[taskDefinitionId]?.Properties as {
    ContainerDefinitions: {
      Environment?: { Name: string; Value: unknown }[];
      Secrets?: { Name: string; ValueFrom: unknown }[];
    }[];
  };
  const [container] = props.ContainerDefinitions;
  if (!container) throw new Error(`no container in ${taskDefinitionId}`);
  return {
    environment: Object.fromEntries((container.Environment ?? []).map((e) => [e.Name, s.resolve(e.Value)])),
    secrets: Object.fromEntries(
      (container.Secrets ?? []).map((e) => [e.Name, (e.ValueFrom as { Ref: string }).Ref ?? '?']),
    ),
  };
}

/** Resources of one CloudFormation type, by logical id. */
export function ofType(s: Synthesized, type: string): [string, Resource][] {
  return Object.entries(s.resources).filter(([, r]) => r.Type === type);
}
