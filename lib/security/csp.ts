// The console's Content-Security-Policy: a fresh nonce per page request, and only scripts carrying it
// (or loaded by one that does: 'strict-dynamic') may run, so an injected <script> or onerror= in data
// that slipped past React's escaping still cannot execute. proxy.ts sets it on the request (Next reads
// the nonce from there and stamps it on its own inline and bundle scripts) and on the response.
//
// Exceptions, on purpose: style-src allows 'unsafe-inline' because server-rendered HTML carries style
// attributes (charts, widths) that a nonce cannot cover, and styles cannot run code; 'unsafe-eval' and
// ws: only in development (React's dev tooling and hot reload need them).

export interface CspOptions {
  /** Development server: allow eval and the hot-reload socket. */
  dev: boolean;
  /** Served over https: ask browsers to upgrade any stray http:// subresource. */
  https: boolean;
}

/** 16 random bytes, base64: unguessable, and a valid CSP nonce. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy(nonce: string, options: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
