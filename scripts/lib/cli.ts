// Shared plumbing for the command-line tools: argument parsing with a usage text, friendly failures
// (a message and an exit code, not a stack trace), and number formatting for progress lines.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv against `options`; `--help` prints `usage` and exits 0, a bad flag is a UsageError. */
export function parseCli<const O extends Options>(usage: string, options: O, argv = process.argv.slice(2)) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** Runs a CLI's main function; usage errors exit 2 with the usage text, other failures exit 1. */
export function runCli(usage: string, main: () => Promise<void>): void {
  // The pinned AWS SDK supports this Node; its notice that *later* SDK releases will need Node 22 is
  // not actionable for users of these tools (and is inherited by the console server `npm start` runs).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`error: ${message}\n`);
    if (e instanceof UsageError) process.stderr.write(`\n${usage.trim()}\n`);
    if (process.env.DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  });
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const fmt = (n: number): string => integer.format(n);
export const perSecond = (count: number, ms: number): string => `${fmt(ms > 0 ? (count * 1000) / ms : 0)}/s`;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
