// `npm run lake:build -- --in DIR --lake DIR --profile P`: builds the Parquet lake from an inbox.
import path from 'node:path';

import { isFeatureSetName } from '@/lib/features';
import { buildLake, defaultFeatureSet } from '@/lib/lake/build';

import { fmt, parseCli, perSecond, required, runCli, seconds, UsageError } from './lib/cli';

const USAGE = `
Usage: npm run lake:build -- --in INBOX --lake LAKE --profile handbook|realistic [options]

Reads every .csv/.ndjson/.jsonl/.json file in INBOX (in name order), validates each row, computes the
features with one state carried across files, and writes LAKE/transactions/dt=YYYY-MM-DD/part-<file>.parquet.
Bad rows go to the quarantine folder with their line number and reason. Re-running replaces the same files.

Options:
  --in DIR           inbox folder (required)
  --lake DIR         lake root (required)
  --profile P        handbook or realistic: picks the feature set (handbook_plus or realistic)
  --features SET     override the feature set: handbook, handbook_plus or realistic
  --quarantine DIR   where rejected rows go (default: a "quarantine" folder beside the lake)

Example:
  npm run simulate -- --profile realistic --days 30 --out .data/inbox
  npm run lake:build -- --in .data/inbox --lake .data/lake --profile realistic
`;

runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, {
    in: { type: 'string' },
    lake: { type: 'string' },
    profile: { type: 'string' },
    features: { type: 'string' },
    quarantine: { type: 'string' },
  });
  const inboxDir = path.resolve(required(values.in, '--in'));
  const lakeDir = path.resolve(required(values.lake, '--lake'));
  const profile = required(values.profile, '--profile');
  let featureSet;
  try {
    featureSet = values.features ?? defaultFeatureSet(profile);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!isFeatureSetName(featureSet)) throw new UsageError(`unknown feature set "${featureSet}"`);
  const quarantineDir = path.resolve(values.quarantine ?? path.join(path.dirname(lakeDir), 'quarantine'));

  process.stderr.write(`lake:build ${inboxDir} → ${lakeDir} (features: ${featureSet})\n`);
  const report = await buildLake({
    inboxDir,
    lakeDir,
    quarantineDir,
    featureSet,
    onProgress: (p) => {
      const bad = p.quarantined ? `, ${fmt(p.quarantined)} quarantined` : '';
      process.stderr.write(
        `  [${p.index + 1}/${p.files}] ${path.basename(p.file)}: ${fmt(p.accepted)} rows${bad} · total ${fmt(p.totalAccepted)} · ${perSecond(p.totalAccepted, p.elapsedMs)}\n`,
      );
    },
  });
  process.stdout.write(
    `built ${fmt(report.accepted)} transactions from ${report.files.length} files in ${seconds(report.elapsedMs)} ` +
      `(${perSecond(report.accepted, report.elapsedMs)}); ${fmt(report.quarantined)} rows quarantined` +
      (report.quarantined ? ` in ${quarantineDir}` : '') +
      '\n',
  );
});
