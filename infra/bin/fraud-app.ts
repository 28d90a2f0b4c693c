// The CDK app (cdk.json's "app"): one environment-agnostic stack, configured from CDK context
// (infra/lib/settings.ts), so `npx cdk synth` needs neither AWS credentials nor network.
import { App, Tags } from 'aws-cdk-lib';

import { FraudStack } from '../lib/fraud-stack';
import { deploySettings } from '../lib/settings';

const app = new App();
const settings = deploySettings((key) => app.node.tryGetContext(key));
new FraudStack(app, settings.stackName, {
  settings,
  description: 'Fraud review console and scoring pipeline (github: fraud-review-console, infra/)',
});
Tags.of(app).add('project', 'fraud-review');
app.synth();
