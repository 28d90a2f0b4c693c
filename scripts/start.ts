// `npm start`: brings the console up on the embedded defaults. On a fresh machine it simulates the demo
// data (realistic profile, 90 days ending yesterday), builds the lake, builds the app and serves it;
// later starts reuse the data and the build. Each step prints what it does and how long it took.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { authConfigFromEnv } from '@/lib/auth/config';
import { ensureLocalUsers } from '@/lib/auth/local-users';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { dataPaths } from '@/lib/config/paths';
import { buildLake } from '@/lib/lake/build';
import { defaultOptions } from '@/lib/simulator';
import { writeInbox } from '@/lib/simulator/write';

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
  const lakeTable = path.join(paths.lakeDir, 'transactions');

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

  if (!hasFiles(lakeTable)) {
    const done = step(`building the Parquet lake in ${paths.lakeDir}`);
    const report = await buildLake({
      inboxDir: paths.inboxDir,
      lakeDir: paths.lakeDir,
      quarantineDir: paths.quarantineDir,
      featureSet: 'realistic',
      onProgress: (p) => {
        if ((p.index + 1) % 15 === 0 || p.index + 1 === p.files) {
          process.stdout.write(
            `  file ${p.index + 1}/${p.files} · ${fmt(p.totalAccepted)} rows · ${perSecond(p.totalAccepted, p.elapsedMs)}\n`,
          );
        }
      },
    });
    process.stdout.write(
      `  ${fmt(report.accepted)} rows in the lake, ${fmt(report.quarantined)} quarantined\n`,
    );
    done();
  } else {
    process.stdout.write(`• reusing the lake in ${paths.lakeDir}\n`);
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
