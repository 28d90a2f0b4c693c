// The ingestion dependencies every production entry point uses (the CLI, `npm start`, the Lambda
// handler): high-risk alerts through the configured channels, and the live threshold an admin may have
// set on /dashboard/threshold. Tests build IngestDeps by hand.
import { createAlertDeps, createAlertDispatcher, type AlertConfig, type AlertDispatcher } from '@/lib/alerts';
import type { FileStore } from '@/lib/files';
import type { FraudModel } from '@/lib/model/scorer';
import type { Store } from '@/lib/store';
import { getLiveThreshold } from '@/lib/threshold/live';

import type { IngestDeps } from './ingest';

export interface ProductionDepsOptions {
  store: Store;
  model: FraudModel;
  files: FileStore;
  alertConfig: AlertConfig;
  flaggedAt?: IngestDeps['flaggedAt'];
}

/** IngestDeps with alerts and the live threshold (re-read per file, cached 10 s), and its dispatcher to drain. */
export function productionIngestDeps(options: ProductionDepsOptions): {
  deps: IngestDeps;
  dispatcher: AlertDispatcher;
} {
  const { store, model, files, alertConfig } = options;
  const dispatcher = createAlertDispatcher(createAlertDeps(store, alertConfig));
  return {
    dispatcher,
    deps: {
      store,
      model,
      files,
      alerts: { dispatcher, highRiskScore: alertConfig.highRiskScore },
      ...(options.flaggedAt ? { flaggedAt: options.flaggedAt } : {}),
      liveThreshold: async () => (await getLiveThreshold(store, model)).value,
    },
  };
}
