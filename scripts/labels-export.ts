// `npm run labels:export -- --out FILE.parquet`: analyst decisions (fraud / legitimate) joined with
// the features the model saw, for retraining with `npm run model:train -- --labels FILE.parquet`.
import path from 'node:path';

import { dataPaths } from '@/lib/config/paths';
import { exportLabels } from '@/lib/labels/export';
import { openStore, storeSettingsFromEnv } from '@/lib/store';

import { fmt, parseCli, runCli, seconds, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run labels:export -- --out FILE.parquet [--lake DIR]

Writes every review item an analyst decided as fraud or legitimate (escalated items are unresolved and
left out), joined with its lake row: the feature values, the score and model version, and the lake's
own label where there is one (simulated data), so disagreements can be studied. Then retrain with
  npm run model:train -- --lake DIR --profile P --labels FILE.parquet
where analyst labels override the lake's.

Options:
  --out FILE   the Parquet file to write (required)
  --lake DIR   lake root (default: the data folder's lake, FRAUD_LAKE_DIR)

Environment: FRAUD_DATA_DIR (default .data), FRAUD_DYNAMODB_REGION (use AWS DynamoDB).
`;

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, { out: { type: 'string' }, lake: { type: 'string' } });
  if (!values.out) throw new UsageError('give --out FILE.parquet');
  if (!values.out.endsWith('.parquet')) throw new UsageError('--out must name a .parquet file');
  const paths = dataPaths();
  const lakeDir = path.resolve(values.lake ?? paths.lakeDir);
  const out = path.resolve(values.out);
  const started = performance.now();
  const opened = await openStore(storeSettingsFromEnv(), paths.dataDir);
  try {
    process.stderr.write(`reading decisions from the review store; joining with ${lakeDir}\n`);
    let last = 0;
    const result = await exportLabels({
      store: opened.store,
      lakeDir,
      out,
      onProgress: (n) => {
        if (n - last >= 5000) {
          last = n;
          process.stderr.write(`  ${fmt(n)} labels read\n`);
        }
      },
    });
    process.stderr.write(
      `${fmt(result.labels)} labels (${fmt(result.fraud)} fraud, ${fmt(result.legitimate)} legitimate) → ${out} in ${seconds(performance.now() - started)}\n` +
        `  ${fmt(result.joined)} matched a lake row; ${fmt(result.labels - result.joined)} have no lake row (features empty)\n` +
        `  ${fmt(result.disagreeWithSimulated)} disagree with the lake's own label\n`,
    );
  } finally {
    await opened.close();
  }
});
