// `npm start`: brings the console up on the embedded defaults. On a fresh machine it simulates the demo
// data (realistic profile, 90 days ending yesterday), ingests it through the real pipeline (lake, review
// queue, alerts), lets a clearly-labelled simulated analyst decide the items older than a few days so
// the dashboards have history, builds the app and serves it; later starts reuse the data and the build.
// Each step prints what it does and how long it took.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { alertConfigFromEnv } from '@/lib/alerts';
import { authConfigFromEnv } from '@/lib/auth/config';
import { ensureLocalUsers } from '@/lib/auth/local-users';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { dataPaths } from '@/lib/config/paths';
import { demoCutoff, runDemoAnalyst } from '@/lib/demo';
import { LocalFileStore } from '@/lib/files';
import { getModel } from '@/lib/model/scorer';
import { ingestInbox } from '@/lib/pipeline';
import { productionIngestDeps } from '@/lib/pipeline/deps';
import { localFolder } from '@/lib/pipeline/sources';
import { defaultOptions } from '@/lib/simulator';
import { writeInbox } from '@/lib/simulator/write';
import { openStore, rebuildDayCounts, recountReviews, storeSettingsFromEnv, type Store } from '@/lib/store';

import { fmt, perSecond, runCli, seconds } from './lib/cli';

const USAGE = `
Usage: npm start

Starts the console at http://127.0.0.1:3000 (PORT and HOST override), creating demo data under .data/ on
the first run. Delete .data/ to start over with fresh demo data.
`;

const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.mjs',
  'tailwind.config.ts',
  'postcss.config.mjs',
  'package-lock.json',
];

function step(title: string): () => void {
  const started = performance.now();
  process.stdout.write(`• ${title}\n`);
  return () => process.stdout.write(`  done in ${seconds(performance.now() - started)}\n`);
}

/** Newest modification time under the given paths (files and folders, recursively). */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  paths.forEach(visit);
  return newest;
}

function hasFiles(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

runCli(USAGE, async () => {
  const paths = dataPaths();

  if (!hasFiles(paths.inboxDir)) {
    const options = defaultOptions('realistic');
    const done = step(
      `simulating ${options.days} days of demo transactions (${fmt(options.customers)} cards, ${fmt(options.terminals)} terminals) into ${paths.inboxDir}`,
    );
    const summary = writeInbox(options, paths.inboxDir, 'csv', (p) => {
      if (p.dayNumber % 15 === 0 || p.dayNumber === p.days) {
        process.stdout.write(
          `  day ${p.dayNumber}/${p.days} · ${fmt(p.transactions)} transactions · ${perSecond(p.transactions, p.elapsedMs)}\n`,
        );
      }
    });
    process.stdout.write(
      `  ${fmt(summary.transactions)} transactions, ${fmt(summary.frauds)} frauds (${(summary.fraudRate * 100).toFixed(2)}%)\n`,
    );
    done();
  } else {
    process.stdout.write(`• reusing demo transactions in ${paths.inboxDir}\n`);
  }

  const opened = await openStore(storeSettingsFromEnv(), paths.dataDir);
  try {
    await ingestDemo(paths.dataDir, paths.inboxDir, opened.store);
    await decideDemoHistory(paths.dataDir, opened.store);
  } finally {
    await opened.close();
  }

  const buildId = path.join('.next', 'BUILD_ID');
  const built = fs.statSync(buildId, { throwIfNoEntry: false });
  if (!built || newestMtime(SOURCES) > built.mtimeMs) {
    const done = step('building the console (next build)');
    const result = spawnSync(path.join('node_modules', '.bin', 'next'), ['build'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error('next build failed (see the output above)');
    done();
  } else {
    process.stdout.write('• reusing the console build in .next/\n');
  }

  const host = process.env.HOST ?? '127.0.0.1';
  const port = process.env.PORT ?? '3000';
  const auth = authConfigFromEnv();
  if (auth.mode === 'local') {
    const users = await ensureLocalUsers(auth.usersFile);
    process.stdout.write('• local demo sign-in (Cognito is not configured); demo users:\n');
    for (const u of users)
      process.stdout.write(`    ${u.username.padEnd(8)} password ${u.password}   (${ROLE_LABELS[u.role]})\n`);
  } else {
    process.stdout.write(`• sign-in through Cognito (${auth.issuer})\n`);
  }
  process.stdout.write(
    `• serving the console at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}  (Ctrl+C to stop)\n`,
  );
  const server = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-H', host, '-p', port], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  await new Promise<void>((resolve, reject) =>
    server.on('exit', (code, signal) =>
      code === 0 || signal ? resolve() : reject(new Error(`next start exited with code ${code}`)),
    ),
  );
});

/** Ingests the inbox through the pipeline; files already in the checkpoint are skipped quickly. */
async function ingestDemo(dataDir: string, inboxDir: string, store: Store): Promise<void> {
  const files = new LocalFileStore(dataDir);
  const model = await getModel();
  // Replayed history: items enter the queue at their transaction time, so SLA ages look real.
  const { deps, dispatcher } = productionIngestDeps({
    store,
    model,
    files,
    alertConfig: alertConfigFromEnv(),
    flaggedAt: 'transaction',
  });
  const started = performance.now();
  let rows = 0;
  let announced = false;
  const report = await ingestInbox(deps, {
    inbox: localFolder(inboxDir, files),
    onFile: (r, i, n) => {
      if (r.status === 'skipped') return;
      if (!announced) {
        announced = true;
        process.stdout.write(`• ingesting ${n} files through the pipeline (lake, review queue, alerts)\n`);
      }
      rows += r.read;
      if ((i + 1) % 15 === 0 || i + 1 === n)
        process.stdout.write(
          `  file ${i + 1}/${n} · ${fmt(rows)} rows · ${perSecond(rows, performance.now() - started)}\n`,
        );
    },
  });
  await dispatcher.drain();
  if (report.ingested === 0 && report.failed === 0) {
    process.stdout.write(`• reusing the ingested demo data (${report.skipped} files in the checkpoint)\n`);
    return;
  }
  const flagged = report.files.reduce((n, f) => n + f.flagged, 0);
  const quarantined = report.files.reduce((n, f) => n + f.quarantined, 0);
  process.stdout.write(
    `  ${fmt(report.rows)} rows in the lake, ${fmt(flagged)} flagged for review, ${fmt(quarantined)} quarantined, ${report.failed} files failed\n  done in ${seconds(performance.now() - started)}\n`,
  );
}

/**
 * Once per data folder: the simulated analyst decides the items flagged more than three days before the
 * newest transaction, from the data's labels with realistic error, so dashboards have history; recent
 * items stay open for the user to triage.
 */
async function decideDemoHistory(dataDir: string, store: Store): Promise<void> {
  const marker = path.join(dataDir, 'demo', 'analyst.json');
  if (fs.existsSync(marker)) {
    process.stdout.write('• reusing the demo decisions\n');
    return;
  }
  const newest = newestDemoDay(dataDir);
  if (!newest) return;
  const cutoff = demoCutoff(`${newest}T23:59:59.999Z`);
  const done = step(
    `deciding items flagged before ${cutoff.toISOString().slice(0, 10)} as "demo-analyst (simulated)" (recent items stay open)`,
  );
  let last = 0;
  const result = await runDemoAnalyst(store, {
    cutoff,
    seed: 7,
    concurrency: 8,
    // Straight decisions (no claim first): half the store writes, so the first start stays short.
    claim: false,
    onProgress: (p) => {
      if (p.done - last >= 5000) {
        last = p.done;
        process.stdout.write(`  ${fmt(p.done)} of ${fmt(p.of)} items\n`);
      }
    },
  });
  await recountReviews(store);
  // The dashboard reads per-day counters once every day has been checked; do it now, not at first view.
  await rebuildDayCounts(store, { settleMs: 0 });
  process.stdout.write(
    `  ${fmt(result.decided)} decided (${fmt(result.byOutcome.fraud)} fraud, ${fmt(result.byOutcome.legitimate)} legitimate, ${fmt(result.byOutcome.escalate)} escalated)\n`,
  );
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, JSON.stringify({ at: new Date().toISOString(), cutoff, ...result }, null, 2));
  done();
}

/** The last day of the simulated inbox (file names end in the day). */
function newestDemoDay(dataDir: string): string | null {
  const inbox = path.join(dataDir, 'inbox');
  const days = fs.existsSync(inbox)
    ? fs
        .readdirSync(inbox)
        .map((name) => /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1])
        .filter((d): d is string => d !== undefined)
        .sort()
    : [];
  return days.at(-1) ?? null;
}
