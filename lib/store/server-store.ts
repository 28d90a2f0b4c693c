// The console server's one store handle: opened on first use (starting the embedded dynalite, or
// reusing the one another process of this project serves) and kept for the life of the process. When
// the embedded server belonged to a process that has since exited (an `npm run ingest` that started
// first), the next request finds the endpoint dead and opens the store again, taking the server over.
import 'server-only';

import { ListTablesCommand } from '@aws-sdk/client-dynamodb';

import { dataPaths } from '@/lib/config/paths';

import { storeSettingsFromEnv, type Store, type StoreSettings } from './client';
import { openStore, type OpenStore } from './open';

interface Cached {
  opened: Promise<OpenStore>;
  settings: StoreSettings;
  checkedAt: number;
}

const KEY = Symbol.for('fraud-review.console-store');
const slot = globalThis as { [KEY]?: Cached };

/** How often an embedded endpoint is checked for life before being handed out. */
const CHECK_EVERY_MS = 5_000;

async function alive(store: Store): Promise<boolean> {
  try {
    await store.client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

export async function getStore(): Promise<Store> {
  let cached = slot[KEY];
  if (!cached) {
    const settings = storeSettingsFromEnv();
    cached = { opened: openStore(settings, dataPaths().dataDir), settings, checkedAt: Date.now() };
    slot[KEY] = cached;
    cached.opened.catch(() => {
      // A failed open (store down) must not stick: the next request tries again.
      if (slot[KEY] === cached) delete slot[KEY];
    });
  }
  const { store } = await cached.opened;
  if (cached.settings.mode === 'embedded' && Date.now() - cached.checkedAt > CHECK_EVERY_MS) {
    cached.checkedAt = Date.now();
    if (!(await alive(store))) {
      if (slot[KEY] === cached) delete slot[KEY];
      void cached.opened.then((o) => o.close()).catch(() => undefined);
      return getStore();
    }
  }
  return store;
}
