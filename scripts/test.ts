// `npm test`: the whole suite in one command. Runs the type check, the linter, the unit tests (vitest),
// the model-training smoke run, a production build and the browser tests (Playwright), then prints one
// closing line
// `N passed, N failed` that counts every test and check that ran. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { seconds } from './lib/cli';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
}

const RESULTS_DIR = 'test-results';
const results: StepResult[] = [];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : '1' };

function run(command: string, args: string[]): { ok: boolean; ms: number } {
  const started = performance.now();
  process.stdout.write(`\n▶ ${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { stdio: 'inherit', env });
  return { ok: child.status === 0, ms: performance.now() - started };
}

/** A check that is one pass or one fail (type check, lint, build). */
function check(name: string, command: string, args: string[]): boolean {
  const { ok, ms } = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, ms });
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** A test runner whose JSON report gives the counts; a crash with no report counts as one failure. */
function suite(
  name: string,
  command: string,
  args: string[],
  report: string,
  count: (json: never) => Omit<StepResult, 'name' | 'ms'>,
) {
  fs.rmSync(report, { force: true });
  const { ok, ms } = run(command, args);
  const json = readJson<never>(report);
  const counts = json ? count(json) : { passed: 0, failed: 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
  results.push({ name, ms, ...counts });
}

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const bin = (tool: string) => path.join('node_modules', '.bin', tool);

check('typecheck', bin('tsc'), ['--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);

suite(
  'unit (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${RESULTS_DIR}/vitest.json`],
  `${RESULTS_DIR}/vitest.json`,
  (json: {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }) => ({
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  }),
);

// The training path (simulate → lake → train → ONNX → parity) needs Debian's Python ML packages;
// .ci/run installs them. Without them it is reported as skipped, never as passed.
const python = spawnSync('/usr/bin/python3', ['-c', 'import xgboost, sklearn, onnx, pandas'], {
  stdio: 'ignore',
});
if (python.status === 0) {
  check('model training smoke', 'bash', ['scripts/model-smoke.sh']);
} else {
  process.stdout.write(
    '\n▶ model training smoke: skipped (apt-get install python3-xgboost python3-sklearn python3-onnx python3-pandas)\n',
  );
  results.push({ name: 'model training smoke', passed: 0, failed: 0, skipped: 1, ms: 0 });
}

if (check('next build', bin('next'), ['build'])) {
  suite(
    'browser (playwright)',
    bin('playwright'),
    ['test'],
    `${RESULTS_DIR}/e2e.json`,
    (json: { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }) => ({
      passed: json.stats.expected + json.stats.flaky,
      failed: json.stats.unexpected,
      skipped: json.stats.skipped,
    }),
  );
}

process.stdout.write('\nSummary\n');
for (const r of results) {
  process.stdout.write(
    `  ${r.failed ? '✗' : '✓'} ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${seconds(r.ms)})\n`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed > 0 ? 1 : 0;
