// Calling a server action over plain HTTP, the way a browser's form does, so the access matrix can show
// that an action refuses a caller on the server whatever the page renders. The action's id comes from
// the build's server-reference manifest (ids change with every build, names do not).
import fs from 'node:fs';
import path from 'node:path';

import type { APIRequestContext, APIResponse } from '@playwright/test';

import { REPO_ROOT } from '../fixtures/servers';

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers?: Record<string, { filename?: string; exportedName?: string }>;
}

function readManifest(): Record<string, ManifestEntry> {
  const file = path.join(REPO_ROOT, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node?: Record<string, ManifestEntry> };
  return manifest.node ?? {};
}

/** The id of `<source file>#<export>` in the current build; throws with what the build does have. */
export function serverActionId(action: string): string {
  const [file, name] = action.split('#');
  if (!file || !name) throw new Error(`"${action}" is not <source file>#<export>`);
  const manifest = readManifest();
  const names: string[] = [];
  for (const [id, entry] of Object.entries(manifest)) {
    const described = [entry, ...Object.values(entry.workers ?? {})];
    for (const d of described) {
      if (d.filename && d.exportedName) names.push(`${d.filename}#${d.exportedName}`);
      if (d.filename === file && d.exportedName === name) return id;
    }
  }
  throw new Error(
    `server action ${action} is not in this build; it has: ${[...new Set(names)].sort().join(', ') || 'none'}`,
  );
}

/**
 * POSTs a useActionState-style call `(previousState = null, input)` to `pagePath`. Redirects are not
 * followed, so a refusal by the proxy shows as its own 307.
 */
export function callServerAction(
  request: APIRequestContext,
  baseURL: string,
  pagePath: string,
  action: string,
  input: Record<string, unknown>,
): Promise<APIResponse> {
  return request.post(pagePath, {
    headers: {
      'next-action': serverActionId(action),
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      // Next refuses action POSTs whose Origin is not the host (CSRF); a browser sends it.
      origin: baseURL,
    },
    data: JSON.stringify([null, input]),
    maxRedirects: 0,
  });
}

/** The `code` of an ActionResult in an action's RSC response, or null when it holds none. */
export function actionResultCode(body: string): string | null {
  return /"ok":false,"code":"([a-z_]+)"/.exec(body)?.[1] ?? null;
}
