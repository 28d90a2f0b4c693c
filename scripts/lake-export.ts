// `npm run lake:export -- --lake DIR --from D --to D --out FILE`: writes the training table as Parquet.
import path from 'node:path';

import { isFeatureSetName } from '@/lib/features';
import { exportTrainingTable } from '@/lib/lake/export';

import { fmt, parseCli, required, runCli, seconds, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run lake:export -- --lake LAKE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.parquet [--features SET]

Writes one row per transaction with from <= dt <= to: transaction_id, timestamp, dt, card_id, terminal_id,
is_fraud, fraud_scenario and one column per feature, ordered by time. --features picks a smaller feature
set than the lake's (handbook from a handbook_plus lake, for example).

Example:
  npm run lake:export -- --lake .data/lake --from 2024-01-01 --to 2024-02-29 --out /tmp/train.parquet
`;

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, {
    lake: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    features: { type: 'string' },
  });
  const featureSet = values.features;
  if (featureSet !== undefined && !isFeatureSetName(featureSet))
    throw new UsageError(`unknown feature set "${featureSet}"`);
  const started = performance.now();
  const result = await exportTrainingTable({
    lakeDir: path.resolve(required(values.lake, '--lake')),
    from: required(values.from, '--from'),
    to: required(values.to, '--to'),
    out: path.resolve(required(values.out, '--out')),
    featureSet,
  });
  process.stdout.write(
    `exported ${fmt(result.rows)} rows (${fmt(result.frauds)} frauds), ${result.featureNames.length} features ` +
      `(${result.featureSet}) to ${result.out} in ${seconds(performance.now() - started)}\n`,
  );
});
