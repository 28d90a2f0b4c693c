// The console server's one logger: pino writing one JSON object per line to stdout, so whatever
// collects the process output (journald, CloudWatch, a container runtime) can index it without a
// parser. Errors go under `err` (pino's serializer keeps name, message, stack and code) and, when a
// request is being served, carry its `requestId`, the id the user sees in the error banner.
import pino from 'pino';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function level(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  return wanted && LEVELS.has(wanted) ? wanted : 'info';
}

/** A logger with the console's options, to stdout or (tests) any stream. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: level(),
    base: { service: 'fraud-review-console' },
    // An ISO time reads in a terminal and sorts in any log store; pino's default is epoch milliseconds.
    timestamp: pino.stdTimeFunctions.isoTime,
    // `"level":"error"` rather than pino's numeric 50, so a search for the word finds it.
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();

export type Logger = pino.Logger;
