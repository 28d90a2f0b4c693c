// docs/AUTH.md shows the permission matrix of lib/auth/roles.ts. Run with UPDATE_DOCS=1 to rewrite
// the table after changing the roles.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { MATRIX_END, MATRIX_START, permissionMatrixMarkdown } from './permission-doc';

const DOC = path.resolve(import.meta.dirname, '..', '..', 'docs', 'AUTH.md');

describe('docs/AUTH.md', () => {
  it('shows the permission matrix of lib/auth/roles.ts', () => {
    const text = fs.readFileSync(DOC, 'utf8');
    const start = text.indexOf(MATRIX_START);
    const end = text.indexOf(MATRIX_END);
    expect(start, `docs/AUTH.md needs the line ${MATRIX_START}`).toBeGreaterThanOrEqual(0);
    expect(end, `docs/AUTH.md needs the line ${MATRIX_END}`).toBeGreaterThan(start);
    const current = text.slice(start + MATRIX_START.length, end).trim();
    const expected = permissionMatrixMarkdown();
    if (current !== expected && process.env.UPDATE_DOCS === '1') {
      fs.writeFileSync(DOC, `${text.slice(0, start + MATRIX_START.length)}\n${expected}\n${text.slice(end)}`);
      return;
    }
    expect(current, 'docs/AUTH.md is out of date: run UPDATE_DOCS=1 npx vitest run lib/auth').toBe(expected);
  });
});
