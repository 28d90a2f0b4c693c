// The console server's one store handle: opened on first use (starting the embedded dynalite, or
// reusing the one another process of this project serves) and kept for the life of the process, with
// the status and per-day counters reconciled in the background. When the embedded server was borrowed
// from a process that has since exited (an `npm run ingest` that started first), a request finds the
// endpoint refusing connections and the store is opened again, which takes the server over.
import 'server-only';

import { ListTablesCommand } from '@aws-sdk/client-dynamodb';

import { dataPaths } from '@/lib/config/paths';

import { storeSettingsFromEnv, type Store } from './client';
import { startCountRepair, type CountRepair } from './counts';
import { openStore, type OpenStore } from './open';

interface Cached {
  opened: Promise<OpenStore>;
  /** When the borrowed endpoint was last seen alive (set once the open has finished). */
  checkedAt: number;
  repair: CountRepair | null;
}

const KEY = Symbol.for('fraud-review.console-store');
const slot = globalThis as { [KEY]?: Cached };

/** How often a borrowed endpoint is checked before being handed out. */
const CHECK_EVERY_MS = 5_000;

/**
 * Whether the borrowed server is gone. Only a refused connection counts: a slow answer means a busy
 * store, and reopening under live queries would make things worse.
 */
async function gone(store: Store): Promise<boolean> {
  try {
    await store.client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(5_000) });
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ECONNREFUSED' || code === 'ECONNRESET';
  }
}

function open(): Cached {
  const cached: Cached = {
    opened: openStore(storeSettingsFromEnv(), dataPaths().dataDir),
    checkedAt: Number.POSITIVE_INFINITY,
    repair: null,
  };
  cached.opened.then(
    (o) => {
      cached.checkedAt = Date.now();
      // Counts on the queue and the dashboard's review outcomes come from counter items; this repairs any
      // drift (a writer that died between its item write and its counter update): the status counts soon
      // after start and every ten minutes, the per-day counters (which read every item) once an hour.
      cached.repair = startCountRepair(o.store, { onError: () => undefined });
    },
    () => {
      // A failed open (store down) must not stick: the next request tries again.
      if (slot[KEY] === cached) delete slot[KEY];
    },
  );
  return cached;
}

export async function getStore(): Promise<Store> {
  const cached = (slot[KEY] ??= open());
  const opened = await cached.opened;
  if (opened.borrowed && Date.now() - cached.checkedAt > CHECK_EVERY_MS) {
    cached.checkedAt = Date.now();
    if (await gone(opened.store)) {
      if (slot[KEY] === cached) delete slot[KEY];
      void cached.repair?.stop();
      void opened.close().catch(() => undefined);
      return getStore();
    }
  }
  return opened.store;
}
