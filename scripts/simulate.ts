// CLI: simulate card transactions into an inbox folder, one file per day. See `--help` and
// docs/SIMULATOR.md.
import { parseSimulateArgs, progressLine, SIMULATE_HELP, summaryText } from '@/lib/simulator/cli';
import { writeInbox } from '@/lib/simulator/write';

const parsed = parseSimulateArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(SIMULATE_HELP);
  process.exit(0);
}
if (parsed.kind === 'error') {
  process.stderr.write(`simulate: ${parsed.message}\nRun with --help for usage.\n`);
  process.exit(2);
}

const { request } = parsed;
const tty = process.stderr.isTTY === true;
// On a terminal the line is redrawn at most 10 times a second; in logs, about ten lines per run.
const logEvery = Math.max(1, Math.ceil(request.options.days / 10));
let lastDraw = 0;

try {
  const summary = writeInbox(request.options, request.out, request.format, (p) => {
    if (request.quiet) return;
    if (tty) {
      if (p.elapsedMs - lastDraw < 100 && p.dayNumber < p.days) return;
      lastDraw = p.elapsedMs;
      process.stderr.write(`\r${progressLine(p)}\x1b[K`);
      if (p.dayNumber === p.days) process.stderr.write('\n');
    } else if (p.dayNumber % logEvery === 0 || p.dayNumber === p.days) {
      process.stderr.write(`${progressLine(p)}\n`);
    }
  });
  process.stdout.write(summaryText(request, summary));
} catch (err) {
  process.stderr.write(`simulate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
