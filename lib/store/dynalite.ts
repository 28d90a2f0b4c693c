// Runs the embedded DynamoDB (dynalite over LevelDB) for one data directory, so the console, the CLIs
// and the tests use the real DynamoDB client without a cloud account.
//
// LevelDB allows one process per directory. The first process to start takes `<dataDir>/dynamo.lock`
// (created with O_EXCL, so the file system settles races), serves dynalite on 127.0.0.1 from a worker
// thread (see serve) and writes its port into the lock. Any later process (or a second call in the same process) finds a live, healthy
// owner and reuses its endpoint instead of opening the directory. A lock left by a dead process is
// stale and is taken over. The owner's lifetime bounds the service: see docs/STORE.md.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

export interface DynaliteOptions {
  /** Root data directory; LevelDB files go to `<dataDir>/dynamo`. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 (default) picks any free port. */
  port?: number;
  /** How long to wait for another process that is still starting the server (default 15 s). */
  waitMs?: number;
}

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** True when this process runs the server; false when it reuses another's. */
  owned: boolean;
  /** Stops the server when this was the last user in this process; a no-op for a reused one. */
  close(): Promise<void>;
}

const lockSchema = z.object({ pid: z.number().int(), owner: z.string(), port: z.number().int().nullable() });
type Lock = z.infer<typeof lockSchema>;

/** Servers this process owns, by data dir, with a use count (a global survives module reloads in dev). */
interface Running {
  endpoint: string;
  uses: number;
  stop: () => Promise<void>;
}
const REGISTRY = Symbol.for('fraud-review.dynalite');
const running: Map<string, Running> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??=
  new Map()) as Map<string, Running>;

export async function startDynalite(options: DynaliteOptions): Promise<EmbeddedDynamo> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'dynamo.lock');
  const deadline = Date.now() + (options.waitMs ?? 15_000);

  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const mine = running.get(dataDir);
    if (mine) return share(dataDir, mine);

    const owner = randomUUID();
    const created = await createLock(lockPath, { pid: process.pid, owner, port: null });
    if (created) {
      try {
        const started = await serve(dataDir, options.port ?? 0);
        await writeLock(lockPath, { pid: process.pid, owner, port: started.port });
        const entry: Running = {
          endpoint: started.endpoint,
          uses: 0,
          stop: async () => {
            await started.stop();
            await removeLockIf(lockPath, owner);
          },
        };
        running.set(dataDir, entry);
        return share(dataDir, entry);
      } catch (error) {
        await removeLockIf(lockPath, owner);
        // LevelDB refuses a directory another process has open (one started without our lock, or a
        // racer that took over the same stale lock): wait for its lock file instead of failing.
        if (!isLevelLocked(error)) throw error;
        await sleep(100);
        continue;
      }
    }

    const lock = await readLock(lockPath);
    if (lock && lock.port !== null) {
      const endpoint = `http://127.0.0.1:${lock.port}`;
      if (await healthy(endpoint)) return { endpoint, owned: false, close: async () => {} };
    }
    if (!lock || !alive(lock.pid)) {
      // Missing by now, not ours (unparseable), or left by a dead owner (e.g. SIGKILL): take it over.
      // Locks are only ever written whole (link/rename), so an unparseable one is not mid-write.
      await unlink(lockPath).catch(() => {});
      continue;
    }
    await sleep(Math.min(50 * (attempt + 1), 250)); // owner alive but still starting
  }
  throw new Error(
    `dynalite for ${dataDir} did not become available within ${options.waitMs ?? 15_000} ms; ` +
      `if no process uses it, delete ${lockPath}`,
  );
}

function share(dataDir: string, entry: Running): EmbeddedDynamo {
  entry.uses++;
  let closed = false;
  return {
    endpoint: entry.endpoint,
    owned: true,
    close: async () => {
      if (closed) return;
      closed = true;
      if (--entry.uses > 0) return;
      running.delete(dataDir);
      await entry.stop();
    },
  };
}

/**
 * dynalite runs on a worker thread of its own: its request handling and LevelDB calls (about 0.6–0.8 ms
 * of CPU per review item written) would otherwise share the event loop of whatever owns it, the
 * ingestion pipeline or the console, and serialise with their work on one core. The worker is a small
 * CommonJS script given as text, so no bundler rewrites it (Next.js turns a `require.resolve` in server
 * code into a module number): it loads dynalite with Node's own resolution from the project folder,
 * the working directory of every npm script and of `next start`. It dies with this process, as the
 * in-process server did.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const path = require('node:path');
const describe = (e) => ({ message: String((e && e.message) || e), cause: String((e && e.cause) || '') });
(function main() {
  let dynalite;
  try {
    dynalite = createRequire(path.join(workerData.root, 'package.json'))('dynalite');
  } catch (e) {
    const error = describe(e);
    error.message = 'dynalite could not be loaded from ' + workerData.root + ' (start from the project folder): ' + error.message;
    parentPort.postMessage({ kind: 'error', error });
    return;
  }
  const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.once('error', (e) => parentPort.postMessage({ kind: 'error', error: describe(e) }));
  server.listen(workerData.port, '127.0.0.1', () => {
    parentPort.postMessage({ kind: 'listening', port: server.address().port });
  });
  parentPort.on('message', (message) => {
    if (message !== 'close') return;
    server.close((e) => parentPort.postMessage({ kind: 'closed', error: e ? describe(e) : null }));
    server.closeIdleConnections();
  });
})();
`;

type WorkerReply =
  | { kind: 'listening'; port: number }
  | { kind: 'closed' | 'error'; error: { message: string; cause: string } | null };

async function serve(
  dataDir: string,
  port: number,
): Promise<{ endpoint: string; port: number; stop: () => Promise<void> }> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { root: process.cwd(), path: path.join(dataDir, 'dynamo'), port },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const next = (): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the dynalite worker exited (code ${code})`));
      worker.once('exit', onExit);
      worker.once('error', reject);
      worker.once('message', (reply: WorkerReply) => {
        worker.off('exit', onExit);
        worker.off('error', reject);
        resolve(reply);
      });
    });
  const failure = (error: { message: string; cause: string }): Error =>
    new Error(error.message, { cause: error.cause || undefined });

  const started = await next().catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (started.kind !== 'listening') {
    await worker.terminate();
    throw failure(started.error ?? { message: 'dynalite did not start', cause: '' });
  }
  const endpoint = `http://127.0.0.1:${started.port}`;
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const closed = next().catch(() => null);
      worker.postMessage('close');
      const reply = await closed;
      await worker.terminate();
      await exited;
      if (reply?.kind === 'closed' && reply.error) throw failure(reply.error);
    })());
  try {
    await probe(endpoint); // surfaces a LevelDB open failure now, not on the first real request
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return { endpoint, port: started.port, stop };
}

async function probe(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
  } finally {
    client.destroy();
  }
}

async function healthy(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(1_000) });
    return res.ok && (await res.text()).startsWith('healthy: dynamodb');
  } catch {
    return false;
  }
}

function isLevelLocked(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error);
  return /lock|LEVEL_DATABASE_NOT_OPEN|not open/i.test(text);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock only if absent, with its content in place: link(2) is atomic and exclusive. */
async function createLock(lockPath: string, lock: Lock): Promise<boolean> {
  const tmp = `${lockPath}.${lock.owner}.tmp`;
  await writeFile(tmp, JSON.stringify(lock));
  try {
    await link(tmp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

async function writeLock(lockPath: string, lock: Lock): Promise<void> {
  const tmp = `${lockPath}.${lock.owner}.tmp`;
  await writeFile(tmp, JSON.stringify(lock));
  await rename(tmp, lockPath); // readers never see a half-written lock
}

async function readLock(lockPath: string): Promise<Lock | null> {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(await readFile(lockPath, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function removeLockIf(lockPath: string, owner: string): Promise<void> {
  const lock = await readLock(lockPath);
  if (lock?.owner === owner) await unlink(lockPath).catch(() => {});
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
