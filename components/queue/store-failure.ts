// Puts a failed store read into words an analyst can act on: refused or timed out (the store is down or
// starting: wait and retry), throttled (busy: retry), or refused by AWS (a setup problem for the admin).
// Never the raw message: it can carry endpoints and table names.

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ECONNRESET: 'dropped the connection',
  ETIMEDOUT: 'did not answer in time',
  ENOTFOUND: 'could not be found on the network',
  EAI_AGAIN: 'could not be found on the network',
};

const AWS_ACCESS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'ResourceNotFoundException',
]);

export function describeStoreFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const name = error instanceof Error ? error.name : '';
  const network = NETWORK[code];
  if (network)
    return `The review store ${network}. It may be starting up or unreachable; try again in a moment.`;
  if (name === 'TimeoutError' || name === 'AbortError')
    return 'The review store did not answer in time. Try again in a moment.';
  if (name === 'ProvisionedThroughputExceededException' || name === 'ThrottlingException')
    return 'The review store is busy and asked us to slow down. Try again in a few seconds.';
  if (AWS_ACCESS.has(name))
    return `The review store refused the request (${name}): its tables or permissions need an administrator.`;
  return 'Reading the review store failed unexpectedly. Try again; if it keeps failing, the server log has the details.';
}
