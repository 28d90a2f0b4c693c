// Where sign-in may send a user afterwards: only paths on this site.
import { describe, expect, it } from 'vitest';

import { safeCallbackPath } from './redirect';

describe('safeCallbackPath', () => {
  it('keeps a path on this site, query included', () => {
    expect(safeCallbackPath('/')).toBe('/');
    expect(safeCallbackPath('/queue?status=open&sort=score')).toBe('/queue?status=open&sort=score');
    expect(safeCallbackPath('/transactions/tx-1')).toBe('/transactions/tx-1');
  });

  it('refuses other origins, including protocol-relative and backslash tricks', () => {
    for (const value of [
      'https://evil.example/',
      'http://127.0.0.1:3000/',
      '//evil.example/x',
      '/\\evil.example/x',
      '\\\\evil.example',
      'javascript:alert(1)',
      'queue',
      '',
    ]) {
      expect(safeCallbackPath(value), value).toBe('/');
    }
  });

  it('does not loop back into sign-in', () => {
    expect(safeCallbackPath('/signin?callbackUrl=%2F')).toBe('/');
    expect(safeCallbackPath('/api/auth/signout')).toBe('/');
  });

  it('uses the fallback for anything that is not a string', () => {
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath(['/queue'], '/home')).toBe('/home');
  });
});
