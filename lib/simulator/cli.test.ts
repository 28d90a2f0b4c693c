import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseSimulateArgs, progressLine, SIMULATE_HELP } from './cli';

const now = new Date('2026-03-15T10:00:00Z');
const parse = (...argv: string[]) => parseSimulateArgs(argv, now, '/tmp/inbox-from-env');

describe('simulate arguments', () => {
  it('defaults to the realistic profile ending yesterday, written to the configured inbox', () => {
    const r = parse();
    expect(r).toEqual({
      kind: 'run',
      request: {
        options: {
          profile: 'realistic',
          start: '2025-12-15',
          days: 90,
          customers: 5000,
          terminals: 2000,
          seed: 0,
        },
        out: '/tmp/inbox-from-env',
        format: 'csv',
        quiet: false,
      },
    });
  });

  it('uses the Handbook defaults for the handbook profile and keeps the default start with --days', () => {
    const r = parse('--profile', 'handbook');
    expect(r.kind === 'run' && r.request.options).toEqual({
      profile: 'handbook',
      start: '2018-04-01',
      days: 183,
      customers: 5000,
      terminals: 10_000,
      seed: 0,
    });
    const short = parse('--days', '10');
    expect(short.kind === 'run' && short.request.options.start).toBe('2026-03-05');
  });

  it('accepts every option', () => {
    const r = parse(
      '--profile',
      'handbook',
      '--days',
      '3',
      '--start',
      '2024-02-28',
      '--customers',
      '10',
      '--terminals',
      '20',
      '--seed',
      '42',
      '--out',
      'x',
      '--format',
      'ndjson',
      '--quiet',
    );
    expect(r).toEqual({
      kind: 'run',
      request: {
        options: {
          profile: 'handbook',
          start: '2024-02-28',
          days: 3,
          customers: 10,
          terminals: 20,
          seed: 42,
        },
        out: 'x',
        format: 'ndjson',
        quiet: true,
      },
    });
  });

  it('explains bad arguments', () => {
    const message = (...argv: string[]) => {
      const r = parse(...argv);
      return r.kind === 'error' ? r.message : `not an error: ${r.kind}`;
    };
    expect(message('--days', 'ten')).toBe('--days must be a whole number (got "ten")');
    expect(message('--days', '0')).toBe('--days must be at least 1');
    expect(message('--seed', '-1')).toMatch(/seed/);
    expect(message('--profile', 'fancy')).toBe('--profile must be one of handbook, realistic (got "fancy")');
    expect(message('--format', 'xml')).toBe('--format must be one of csv, ndjson (got "xml")');
    expect(message('--start', '2024-02-30')).toBe('--start is not a real calendar date');
    expect(message('--start', '1 May')).toBe('--start must be a date written YYYY-MM-DD');
    expect(message('--terminals', '10')).toMatch(
      /^--terminals must be at least 60 for the realistic profile/,
    );
    expect(message('--colour')).toMatch(/Unknown option '--colour'/);
    expect(message('extra')).toMatch(/positional/);
  });

  it('offers help', () => {
    expect(parse('--help')).toEqual({ kind: 'help' });
    expect(parse('-h')).toEqual({ kind: 'help' });
    expect(SIMULATE_HELP).toContain('--profile handbook|realistic');
    expect(SIMULATE_HELP).toContain('mcc 5999');
  });

  it('formats a progress line', () => {
    expect(
      progressLine({ dayNumber: 3, days: 10, day: '2025-01-03', transactions: 30_000, elapsedMs: 100 }),
    ).toBe('day 3/10 2025-01-03  30,000 transactions  300,000 tx/s');
  });
});

describe('scripts/simulate.ts', () => {
  const script = path.resolve(import.meta.dirname, '../../scripts/simulate.ts');
  const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');

  it('writes the inbox and prints a summary', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'simulate-cli-'));
    try {
      const stdout = execFileSync(
        tsx,
        [
          script,
          '--profile',
          'handbook',
          '--days',
          '2',
          '--customers',
          '50',
          '--terminals',
          '100',
          '--out',
          out,
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(fs.readdirSync(out).sort()).toEqual([
        'transactions-2018-04-01.csv',
        'transactions-2018-04-02.csv',
      ]);
      expect(stdout).toMatch(/transactions\s+[\d,]+/);
      expect(stdout).toMatch(/tx\/s/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('exits with status 2 and a message on bad arguments', () => {
    const r = spawnSync(tsx, [script, '--days', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('simulate: --days must be a whole number');
    expect(r.stderr).toContain('--help');
  });
});
