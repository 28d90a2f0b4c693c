// A stand-in for Amazon Cognito in the e2e suite: an OpenID Connect issuer (panva's oidc-provider) on
// 127.0.0.1 whose ID tokens carry `cognito:groups` the way Cognito's do, with a password form for the
// accounts in e2e/fixtures/cognito-accounts.ts. Playwright starts it as a webServer:
// `npx tsx e2e/support/oidc-issuer.ts` (port and client from e2e/fixtures/servers.ts).
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import http from 'node:http';

import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

import { COGNITO_ACCOUNTS, type CognitoAccount } from '../fixtures/cognito-accounts';
import { OIDC_ISSUER } from '../fixtures/servers';

const accountById = (id: string): CognitoAccount | undefined =>
  COGNITO_ACCOUNTS.find((a) => a.username === id);

// A fresh signing key per start: next-auth fetches the JWKS when it verifies a token.
const signingKey: JsonWebKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  format: 'jwk',
});

const configuration: Configuration = {
  clients: [
    {
      client_id: OIDC_ISSUER.clientId,
      client_secret: OIDC_ISSUER.clientSecret,
      redirect_uris: [OIDC_ISSUER.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: 'e2e-signing-key', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['e2e-oidc-issuer-cookie-key'] },
  // Cognito puts the user's attributes and groups in the ID token for the `openid` scope alone, and
  // next-auth's Cognito provider reads them from there (it never calls userinfo).
  claims: { openid: ['sub', 'name', 'email', 'cognito:username', 'cognito:groups'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  async findAccount(_ctx, sub) {
    const account = accountById(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      claims: () => ({
        sub,
        name: account.name,
        email: account.email,
        'cognito:username': account.username,
        'cognito:groups': [...account.groups],
      }),
    };
  },
  // A first-party app, as with Cognito's hosted UI: no consent screen, the requested scopes are granted.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const { client, session, provider } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const existing = session.grantIdFor(client.clientId);
    if (existing) return provider.Grant.find(existing);
    const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid');
    session.grantIdFor(client.clientId, await grant.save());
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
};

const provider = new Provider(OIDC_ISSUER.url, configuration);

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · E2E identity provider</title></head>
<body>
  <main>
    <h1>E2E identity provider</h1>
    <p>Stands in for the Cognito hosted sign-in page in the e2e suite.</p>
    ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/interaction/${escapeHtml(uid)}/login">
      <label>Username <input name="username" autocomplete="username"></label>
      <label>Password <input name="password" type="password" autocomplete="current-password"></label>
      <button type="submit">Continue</button>
    </form>
  </main>
</body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** The login prompt: GET shows the form, POST checks the password and hands back to the provider. */
async function interaction(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  const [, , uid = '', step] = path.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'interaction mismatch');
  if (req.method === 'GET' && step === undefined) return send(res, 200, loginPage(uid, null));
  if (req.method === 'POST' && step === 'login') {
    const form = await readForm(req);
    const account = accountById(form.get('username')?.trim() ?? '');
    if (!account || account.password !== form.get('password')) {
      return send(res, 401, loginPage(uid, 'Incorrect username or password.'));
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.username } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  send(res, 404, 'not found');
}

const handleProvider = provider.callback();

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', OIDC_ISSUER.url).pathname;
  if (!path.startsWith('/interaction/')) return handleProvider(req, res);
  interaction(req, res, path).catch((error: unknown) => {
    if (!res.headersSent) send(res, 500, escapeHtml(error instanceof Error ? error.message : String(error)));
  });
});

server.listen(OIDC_ISSUER.port, '127.0.0.1', () => {
  process.stdout.write(`e2e OIDC issuer at ${OIDC_ISSUER.url}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
