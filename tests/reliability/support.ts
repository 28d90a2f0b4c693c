// Shared by the reliability suite: the bounded/full switch (RELIABILITY_FULL=1), a seeded random
// source whose seed is printed so a failing trial can be replayed, TypeScript child processes started
// without npx (so the pid is the process doing the work), line waits with time limits, and RSS samples.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `npm run test:reliability` sets it; inside `npm test` the suite runs its bounded form. */
export const FULL = process.env.RELIABILITY_FULL === '1';

/** The full form's figure, or the bounded form's. */
export const scale = <T>(full: T, bounded: T): T => (FULL ? full : bounded);

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** RELIABILITY_SEED replays a run; otherwise a fresh seed, printed by `seeded`. */
export function seeded(label: string): { seed: number; random: () => number } {
  const seed = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.info(`${label}: RELIABILITY_SEED=${seed}`);
  // mulberry32: small, fast, and good enough to pick kill points and delays.
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, random };
}

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Everything the child printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first match of `pattern` in stdout; rejects after `timeoutMs` or if the child exits. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/**
 * Runs a TypeScript file with node + tsx's loader (no npx in between: the pid is the worker's, so a
 * SIGKILL lands on it and RSS samples measure it). Its own process group, so a kill takes all of it.
 */
export function spawnTs(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out);
          if (!match) return false;
          finish();
          resolve(match);
          return true;
        };
        const onExit = () => {
          if (check()) return;
          finish();
          reject(new Error(`child exited before printing ${pattern}: ${err.slice(-2000)}`));
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; stderr: ${err.slice(-2000)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', onExit);
        };
        if (check()) return;
        child.stdout.on('data', check);
        child.once('exit', onExit);
      }),
  };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs the child's process group and waits (bounded) until the process is gone. */
export async function killHard(child: Child): Promise<void> {
  const pid = child.process.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  for (let i = 0; i < 200 && alive(pid); i++) await sleep(25);
  if (alive(pid)) throw new Error(`process ${pid} survived SIGKILL`);
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
