// The request id: made once per request by proxy.ts, forwarded to the app in a request header and
// returned to the browser in the same response header. Server code logs it with every error and the
// error banner shows it, so a user can quote it and support can find the request's log lines.
// No Node or Next imports: proxy.ts runs it too.

export const REQUEST_ID_HEADER = 'x-request-id';

/** 16 hex digits (64 random bits): unique across any realistic log retention, short enough to read out. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Only ids this console could have made are echoed back (a header is attacker-controlled text). */
export function isRequestId(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);
}
