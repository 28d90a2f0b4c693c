// GET /api/export/audit.csv: the audit trail as a CSV file, with the audit page's own URL filters
// (actor, action, days). Managers and admins (analytics:read). Text cells are formula-escaped
// (lib/export/csv.ts); at most MAX_EXPORT_ROWS rows, `x-export-truncated` says when more matched.
import { parseAuditView } from '@/lib/audit/view';
import { AuthError, requirePermission } from '@/lib/auth/session';
import { exportAudit } from '@/lib/export/audit-export';
import { MAX_EXPORT_ROWS } from '@/lib/export/collect';
import { getStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

const problem = (status: number, body: Record<string, unknown>): Response =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export async function GET(request: Request): Promise<Response> {
  try {
    await requirePermission('analytics:read');
  } catch (error) {
    if (error instanceof AuthError) return problem(error.status, { error: error.message });
    throw error;
  }
  const { view, ignored } = parseAuditView(new URL(request.url).searchParams);
  // A file has no screen to say a filter was dropped, so a bad one refuses the export instead.
  if (ignored.length > 0)
    return problem(400, { error: 'Some audit filters are invalid; nothing was exported.', details: ignored });
  const result = await exportAudit(await getStore(), { ...view, cursor: null });
  return new Response(result.csv, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
      'x-export-rows': String(result.rows),
      'x-export-truncated': String(result.truncated),
      'x-export-max-rows': String(MAX_EXPORT_ROWS),
    },
  });
}
