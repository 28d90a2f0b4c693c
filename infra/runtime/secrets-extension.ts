// Reads a Secrets Manager secret inside a Lambda through the AWS Parameters and Secrets Lambda
// Extension (a layer serving GetSecretValue on localhost, with a cache), so the function needs no
// Secrets Manager SDK in its bundle and a changed secret reaches warm containers within the cache TTL.
// The extension authenticates callers by the function's session token.

/** The extension's default port; PARAMETERS_SECRETS_EXTENSION_HTTP_PORT overrides it. */
export const EXTENSION_PORT = 2773;

export class SecretReadError extends Error {
  override readonly name = 'SecretReadError';
}

export interface ExtensionOptions {
  /** `http://localhost:<port>` (tests point it at a local stand-in). */
  origin?: string;
  sessionToken?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** The SecretString of `secretId` (an ARN or name), as the extension returns it. */
export async function readSecretString(secretId: string, options: ExtensionOptions = {}): Promise<string> {
  const origin = options.origin ?? `http://localhost:${EXTENSION_PORT}`;
  const url = `${origin}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  const token = options.sessionToken ?? '';
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { 'X-Aws-Parameters-Secrets-Token': token },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
  } catch (error) {
    throw new SecretReadError(
      `reading secret ${secretId} through the Lambda extension failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new SecretReadError(
      `reading secret ${secretId}: the Lambda extension answered HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  const body = JSON.parse(text) as { SecretString?: unknown };
  if (typeof body.SecretString !== 'string')
    throw new SecretReadError(`secret ${secretId} has no SecretString (binary secrets are not supported)`);
  return body.SecretString;
}
