// Where to send a user after sign-in: only a path on this site, so a crafted link cannot bounce a
// freshly signed-in analyst to another origin.
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return fallback;
  if (value.startsWith('/signin') || value.startsWith('/api/auth')) return fallback;
  return value;
}
