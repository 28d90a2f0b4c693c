// A server under load test, in its own process: the load generator and the server must not share an
// event loop, or the bench measures their contention. Starts the process, waits until it answers,
// reads its CPU time (Linux /proc, so per-request server cost is known even on a busy machine) and
// stops it with SIGTERM, then SIGKILL if it hangs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ChildServer {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** CPU seconds (user + system) used so far by the process and its descendants; NaN off Linux. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** The base URL from a line of the child's stdout, when it prints one (e.g. after `--port 0`). */
  urlFrom?: (line: string) => string | null;
  /** Otherwise: the URL known in advance, polled with `ready` until it answers. */
  url?: string;
  /** Resolves true once the server answers as it should. */
  ready?: (url: string) => Promise<boolean>;
  startTimeoutMs?: number;
}

/** A free TCP port on 127.0.0.1 (for servers that cannot be told to pick one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a pid in seconds, and its parent, from /proc/<pid>/stat. */
function procStat(pid: number): { cpu: number; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing paren are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function treeCpuSeconds(root: number): number {
  if (!procStat(root)) return Number.NaN;
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)]);
  }
  let total = 0;
  const visit = (pid: number) => {
    total += procStat(pid)?.cpu ?? 0;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return total;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(options.command, [...options.args], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stderr.on('data', keep);
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const failed = (why: string) => reject(new Error(`${options.name}: ${why}\n${output.trim()}`));
      child.once('exit', (code, signal) => failed(`exited (${signal ?? code}) before it was ready`));
      const timer = setTimeout(() => failed('not ready in time'), deadline - Date.now());
      let pending = '';
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        if (!options.urlFrom) return;
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const found = options.urlFrom(line);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        }
      });
      if (!options.urlFrom) {
        const { url, ready } = options;
        if (!url || !ready) {
          failed('give urlFrom, or url and ready');
          return;
        }
        void (async () => {
          while (Date.now() < deadline && child.exitCode === null) {
            if (await ready(url).catch(() => false)) {
              clearTimeout(timer);
              resolve(url);
              return;
            }
            await sleep(250);
          }
        })();
      }
    });
    child.removeAllListeners('exit');
    const pid = child.pid ?? -1;
    return {
      name: options.name,
      url,
      cpuSeconds: () => treeCpuSeconds(pid),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
