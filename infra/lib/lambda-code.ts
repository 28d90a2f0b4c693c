// Lambda code assets built by local bundling (runtime-bundle.ts), never by Docker: `cdk synth` runs
// esbuild and copies the native packages on this machine. Stacks listed out of bundling (the tests'
// `aws:cdk:bundling-stacks: []`) get CDK's placeholder asset instead, so template tests stay fast.
import path from 'node:path';

import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

import { buildRuntimeBundle, REPO_ROOT, type BundleSpec } from './runtime-bundle';

/** Where the bundled model sits in the function (FRAUD_MODEL_DIR). */
export const LAMBDA_MODEL_DIR = '/var/task/model';

export function bundledCode(spec: BundleSpec): lambda.Code {
  // The bundle reads the whole repository; the source folder (the handler's own) only identifies the
  // asset: CDK caches staged assets by source path and options, and the local bundler is not part of
  // that key, so two functions bundled from one folder would share one asset.
  return lambda.Code.fromAsset(path.dirname(path.join(REPO_ROOT, spec.entry)), {
    // Hash what is shipped (bundle, native packages, model), not the source folder.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the API but never used: local bundling either succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: {
        tryBundle(outputDir: string): boolean {
          buildRuntimeBundle(spec, outputDir);
          return true;
        },
      },
    },
  });
}
