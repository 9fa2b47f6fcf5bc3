import { auditExportRows, auditQuerySchema, readable } from '@/lib/data/audit';
import { portalEnv } from '@/lib/env';
import { dayOf, isoWithOffset } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';

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
  // Added after the original columns, so scripts reading them by position keep working.
  'operator_name',
  'sentence',
  'result',
  'facts',
];

/** The audit log as CSV, with the same filters and scope as the page; formula-like cells are neutralised. */
export const GET = defineRoute({
  name: 'audit.export',
  capability: 'audit:read',
  query: auditQuerySchema,
  audit: true,
  async run(query, { operator }) {
    const { timeZone } = portalEnv().display;
    async function* rows() {
      for await (const e of auditExportRows(operator, query)) {
        const { sentence, outcome } = readable(e);
        yield [
          isoWithOffset(e.at, timeZone),
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
          e.operatorName ?? null,
          sentence,
          outcome.text,
          e.facts ? JSON.stringify(e.facts) : null,
        ];
      }
    }
    return { csv: { filename: `audit-${dayOf(Date.now(), timeZone)}.csv`, header: HEADER, rows: rows() } };
  },
});
