// GET /api/export/queue.csv: the review queue as a CSV file for a spreadsheet, with the queue page's
// own URL parameters (status, order and filters; the page position is ignored: an export starts at
// the top). Text cells are formula-escaped (lib/export/csv.ts), so a hostile merchant name cannot run
// in the analyst's spreadsheet. At most MAX_EXPORT_ROWS rows; `x-export-truncated` says when more matched.
import { parseQueueView, toStoreFilters } from '@/components/queue/queue-view';
import { AuthError, requirePermission } from '@/lib/auth/session';
import { exportQueue, MAX_EXPORT_ROWS } from '@/lib/export/queue-export';
import { getStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

const problem = (status: number, body: Record<string, unknown>): Response =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export async function GET(request: Request): Promise<Response> {
  let actor: string;
  try {
    actor = (await requirePermission('review:read')).actor;
  } catch (error) {
    if (error instanceof AuthError) return problem(error.status, { error: error.message });
    throw error;
  }
  const { view, ignored } = parseQueueView(new URL(request.url).searchParams);
  // The page drops a bad parameter and says so on screen; a file has no screen, and silently dropping
  // a filter would export more than the analyst asked for, so refuse instead.
  if (ignored.length > 0) {
    return problem(400, {
      error: 'Some queue parameters are invalid; nothing was exported.',
      details: ignored.map((p) => ({ param: p.param, value: p.value, message: p.message })),
    });
  }
  const result = await exportQueue(await getStore(), view, toStoreFilters(view, actor));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(result.csv, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="queue-${view.status}-${day}.csv"`,
      'cache-control': 'no-store',
      'x-export-rows': String(result.rows),
      'x-export-truncated': String(result.truncated),
      'x-export-max-rows': String(MAX_EXPORT_ROWS),
    },
  });
}
