// Opens the review store the way the environment says: AWS DynamoDB when a region is configured,
// otherwise the embedded dynalite under the data directory (started here, or reused if another process
// of this project already serves it). Tables are ensured either way.
import { createStore, type Store, type StoreSettings } from './client';
import { startDynalite, type EmbeddedDynamo } from './dynalite';
import { ensureTables } from './tables';

export interface OpenStore {
  store: Store;
  /**
   * True when this process reuses an embedded dynalite another process serves: that server ends with
   * its owner, so long-lived users (the console) must be ready to take it over.
   */
  borrowed: boolean;
  /** Destroys the client and stops dynalite if this process started it. */
  close(): Promise<void>;
}

export async function openStore(settings: StoreSettings, dataDir: string): Promise<OpenStore> {
  let embedded: EmbeddedDynamo | null = null;
  let store: Store;
  if (settings.mode === 'aws') {
    store = createStore({
      connection: {
        kind: 'aws',
        region: settings.region ?? 'us-east-1',
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      },
      tablePrefix: settings.tablePrefix,
    });
  } else {
    const endpoint = settings.endpoint ?? (embedded = await startDynalite({ dataDir })).endpoint;
    store = createStore({ connection: { kind: 'embedded', endpoint }, tablePrefix: settings.tablePrefix });
  }
  try {
    await ensureTables(store, settings.mode === 'aws' ? { timeoutMs: 300_000, pollMs: 2_000 } : {});
  } catch (error) {
    store.client.destroy();
    await embedded?.close();
    throw error;
  }
  return {
    store,
    borrowed: embedded !== null ? !embedded.owned : settings.mode === 'embedded',
    close: async () => {
      store.client.destroy();
      await embedded?.close();
    },
  };
}
