import { can } from '@/lib/auth/permissions';
import { currentOperator } from '@/lib/auth/session';
import { csvRow } from '@/lib/audit/csv';
import { auditExportRows } from '@/lib/data/audit';
import { parseAuditQuery } from '@/lib/validation/audit';

const HEADER = [
  'at',
  'operator',
  'role',
  'action',
  'target_type',
  'target_ids',
  'site_id',
  'outcome',
  'spintly_status',
  'duration_ms',
  'detail',
];

/** The audit log as CSV, with the same filters and scope as the page; formula-like cells are neutralised. */
export async function GET(request: Request) {
  const operator = await currentOperator();
  if (!operator) return Response.json({ message: 'Sign in first.' }, { status: 401 });
  if (!can(operator, 'audit:read'))
    return Response.json({ message: 'Your role does not include the audit log.' }, { status: 403 });
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const encoder = new TextEncoder();
  const rows = auditExportRows(operator, query);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
      for await (const e of rows)
        controller.enqueue(
          encoder.encode(
            csvRow([
              e.at,
              e.operatorEmail,
              e.operatorRole,
              e.action,
              e.targetType,
              e.targetIds.join(' '),
              e.siteId,
              e.outcome,
              e.spintlyStatus,
              e.durationMs,
              e.detail,
            ]),
          ),
        );
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
