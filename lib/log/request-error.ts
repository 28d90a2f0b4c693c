// Next's onRequestError hook (instrumentation.ts): every error that escapes a page, route handler,
// server action or the proxy is logged as one JSON line with the request id proxy.ts gave the request
// and Next's digest, the reference an error boundary shows. Support can go from either to the other.
import type { Instrumentation } from 'next';

import { logger } from './logger';
import { isRequestId, REQUEST_ID_HEADER } from './request-id';

export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = typeof header === 'string' && isRequestId(header) ? header : null;
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;
  logger.error(
    {
      err: error,
      requestId,
      digest,
      method: request.method,
      // The path only: query strings can hold filter values an analyst typed.
      path: request.path.split('?')[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    'request failed',
  );
};
