// Next's instrumentation hook: server errors that escape a page, action or route handler are logged by
// lib/log (pino, JSON with the request id and the error digest). Node runtime only: pino needs Node.
import type { Instrumentation } from 'next';

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logRequestError } = await import('./lib/log/request-error');
  await logRequestError(error, request, context);
};
