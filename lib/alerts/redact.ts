// Keeps webhook secrets out of logs and stored errors. An incoming-webhook URL carries its credential
// in the path (Slack: /services/T…/B…/<token>) or query, so only the origin and the last four
// characters are ever shown: enough to tell two webhooks apart, useless for posting.

/** `https://hooks.slack.com/…abcd`; unparseable input becomes `<redacted>`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = `${parsed.pathname}${parsed.search}`.replace(/\/$/, '');
    return rest.length > 8 ? `${parsed.origin}/…${rest.slice(-4)}` : `${parsed.origin}/…`;
  } catch {
    return '<redacted>';
  }
}

/** Replaces every occurrence of `secret` (and its path+query) in `text` with its redacted form. */
export function scrub(text: string, secret: string): string {
  let out = text.split(secret).join(redactUrl(secret));
  try {
    const parsed = new URL(secret);
    const tail = `${parsed.pathname}${parsed.search}`;
    if (tail.length > 8) out = out.split(tail).join('/…');
  } catch {
    // Not a URL: the literal replacement above is all there is to do.
  }
  return out;
}
