// Command-line surface of the simulator: parses and checks `simulate` arguments into a run request,
// and renders the help, progress and summary text. Kept apart from scripts/simulate.ts so it is testable.
import { parseArgs } from 'node:util';

import { dataPaths } from '@/lib/config/paths';

import {
  checkOptions,
  dayAfter,
  defaultOptions,
  defaultStart,
  HANDBOOK_DEFAULTS,
  PROFILES,
  REALISTIC_DEFAULTS,
  type Profile,
  type SimulateOptions,
} from './options';
import { INBOX_FORMATS, type InboxFormat, type SimulationProgress, type SimulationSummary } from './write';

export const SIMULATE_HELP = `Usage: npm run simulate -- [options]
       npx tsx scripts/simulate.ts [options]

Generates card transactions and writes one file per UTC day into an inbox folder:
  <out>/transactions-YYYY-MM-DD.csv (or .ndjson). Same arguments => byte-identical files.

Options:
  --profile handbook|realistic  data generator (default: realistic)
      handbook   the Fraud Detection Handbook's simulator (Le Borgne et al., ch. 3): customers and
                 terminals on a 100x100 grid, 3 fraud scenarios. Fields the Handbook lacks are
                 constants: merchant_name "Terminal <id>", mcc 5999, currency EUR, channel chip,
                 card and merchant country BE.
      realistic  European cardholders, named merchants with MCCs, channels, currencies, trips,
                 day/week rhythms and 6 labelled fraud patterns (see docs/SIMULATOR.md).
  --days N          number of days          (handbook ${HANDBOOK_DEFAULTS.days}, realistic ${REALISTIC_DEFAULTS.days})
  --start YYYY-MM-DD  first day, UTC        (handbook ${HANDBOOK_DEFAULTS.start}, realistic: N days before today,
                    so the run ends yesterday; pass --start for reproducible files)
  --customers N     cardholders             (handbook ${HANDBOOK_DEFAULTS.customers}, realistic ${REALISTIC_DEFAULTS.customers})
  --terminals N     terminals               (handbook ${HANDBOOK_DEFAULTS.terminals}, realistic ${REALISTIC_DEFAULTS.terminals})
  --seed S          integer 0..4294967295   (default 0)
  --out DIR         inbox folder            (default $FRAUD_INBOX_DIR or .data/inbox)
  --format csv|ndjson                       (default csv)
  --quiet           no progress on stderr
  -h, --help        this text

Examples:
  npm run simulate -- --profile handbook --out /tmp/handbook
  npm run simulate -- --profile realistic --days 30 --start 2025-01-01 --seed 7 --out .data/inbox
`;

export interface SimulateRequest {
  options: SimulateOptions;
  out: string;
  format: InboxFormat;
  quiet: boolean;
}

export type ParsedArgs =
  { kind: 'help' } | { kind: 'run'; request: SimulateRequest } | { kind: 'error'; message: string };

const WHOLE = /^\d+$/;

/**
 * Parses `simulate` arguments (without the node/script prefix). `now` fixes the realistic default
 * start; `defaultOut` is the inbox used without --out.
 */
export function parseSimulateArgs(
  argv: string[],
  now: Date = new Date(),
  defaultOut: string = dataPaths().inboxDir,
): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        profile: { type: 'string' },
        days: { type: 'string' },
        start: { type: 'string' },
        customers: { type: 'string' },
        terminals: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };

  const profile = values.profile ?? 'realistic';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    return { kind: 'error', message: `--profile must be one of ${PROFILES.join(', ')} (got "${profile}")` };
  }
  const format = values.format ?? 'csv';
  if (!(INBOX_FORMATS as readonly string[]).includes(format)) {
    return {
      kind: 'error',
      message: `--format must be one of ${INBOX_FORMATS.join(', ')} (got "${format}")`,
    };
  }
  const defaults = defaultOptions(profile as Profile, now);
  const numbers: Partial<Record<'days' | 'customers' | 'terminals' | 'seed', number>> = {};
  for (const key of ['days', 'customers', 'terminals', 'seed'] as const) {
    const text = values[key];
    if (text === undefined) continue;
    if (!WHOLE.test(text))
      return { kind: 'error', message: `--${key} must be a whole number (got "${text}")` };
    numbers[key] = Number(text);
  }
  const days = numbers.days ?? defaults.days;
  const options: SimulateOptions = {
    profile: profile as Profile,
    days,
    // The realistic default start depends on --days so that the run always ends yesterday.
    start: values.start ?? defaultStart(profile as Profile, days, now),
    customers: numbers.customers ?? defaults.customers,
    terminals: numbers.terminals ?? defaults.terminals,
    seed: numbers.seed ?? defaults.seed,
  };
  const checked = checkOptions(options);
  if (!checked.ok) return { kind: 'error', message: checked.errors.map((e) => `--${e}`).join('\n') };
  return {
    kind: 'run',
    request: {
      options: checked.options,
      out: values.out ?? defaultOut,
      format: format as InboxFormat,
      quiet: values.quiet ?? false,
    },
  };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export function progressLine(p: SimulationProgress): string {
  const rate = p.elapsedMs > 0 ? (p.transactions / p.elapsedMs) * 1000 : 0;
  return `day ${p.dayNumber}/${p.days} ${p.day}  ${int(p.transactions)} transactions  ${int(rate)} tx/s`;
}

export function summaryText(request: SimulateRequest, s: SimulationSummary): string {
  const o = request.options;
  const lines = [
    `profile ${o.profile}: ${o.days} days ${o.start}..${dayAfter(o.start, o.days - 1)}, ${int(o.customers)} customers, ${int(o.terminals)} terminals, seed ${o.seed}`,
    `wrote ${s.files.length} ${request.format} files (${(s.bytes / 1e6).toFixed(1)} MB) to ${request.out}`,
    `transactions  ${int(s.transactions)}`,
    `frauds        ${int(s.frauds)} (${(s.fraudRate * 100).toFixed(3)}%)`,
    ...Object.entries(s.perScenario)
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => `  ${name.padEnd(22)} ${int(count).padStart(9)}`),
    `elapsed       ${(s.elapsedMs / 1000).toFixed(2)} s, ${int(s.transactionsPerSecond)} tx/s (generation + formatting + writing)`,
  ];
  return `${lines.join('\n')}\n`;
}
