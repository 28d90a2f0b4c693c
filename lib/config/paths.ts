// Where the embedded deployment keeps its files. One place, so the CLIs, the console and the tests
// agree; every path can be overridden by environment variable (tests point them at temp dirs).
// The turbopackIgnore markers stop Next from tracing the whole project into the server bundle.
import path from 'node:path';

export interface DataPaths {
  /** Root of everything the embedded deployment writes (`.data/` in the repo by default). */
  dataDir: string;
  /** Incoming transaction files. */
  inboxDir: string;
  /** Parquet lake root; tables live below it (`transactions/dt=YYYY-MM-DD/…`). */
  lakeDir: string;
  /** Rejected rows, one NDJSON file per source file, each line with its reason. */
  quarantineDir: string;
  /** The ingestion worker's checkpoint: files ingested and the online feature state. */
  checkpointFile: string;
}

export function dataPaths(env: NodeJS.ProcessEnv = process.env): DataPaths {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.FRAUD_DATA_DIR ?? '.data');
  return {
    dataDir,
    inboxDir: path.resolve(/*turbopackIgnore: true*/ env.FRAUD_INBOX_DIR ?? path.join(dataDir, 'inbox')),
    lakeDir: path.resolve(/*turbopackIgnore: true*/ env.FRAUD_LAKE_DIR ?? path.join(dataDir, 'lake')),
    checkpointFile: path.join(dataDir, 'pipeline', 'checkpoint.json'),
    quarantineDir: path.resolve(
      /*turbopackIgnore: true*/ env.FRAUD_QUARANTINE_DIR ?? path.join(dataDir, 'quarantine'),
    ),
  };
}
