import 'server-only';
import { reachesAllSites, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { allAudit, queryAudit, type AuditEntry, type AuditFilters } from '../audit/log';
import { db } from '../db';
import { z } from 'zod';
import { portalEnv } from '../env';
import { queryFields } from '../validation/query';

export const AUDIT_PAGE_SIZE = 50;

/** The audit list's URL: filters by operator, action, target and dates (YYYY-MM-DD), and the page. */
const text = z.string().trim().max(200).optional().catch(undefined);
const day = queryFields.day;
export const auditQuerySchema = z.object({
  operator: text,
  action: text,
  target: text,
  from: day,
  to: day,
  page: queryFields.page,
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** Super admins see every entry; site admins only entries about their sites. */
export function auditScope(operator: ScopedOperator, query: AuditQuery): AuditFilters {
  return {
    operator: query.operator,
    action: query.action,
    target: query.target,
    from: query.from,
    to: query.to,
    // Days are the portal's days: "30/11/2026" in India starts at 18:30 UTC the day before.
    timeZone: portalEnv().display.timeZone,
    ...(!reachesAllSites(operator) && { siteIds: operator.siteIds }),
  };
}

export type AuditRow = Pick<
  AuditEntry,
  'id' | 'at' | 'operatorEmail' | 'operatorRole' | 'action' | 'targetType' | 'targetIds' | 'siteId' | 'outcome' | 'spintlyStatus' | 'durationMs' | 'detail'
>;

export async function auditPage(query: AuditQuery) {
  const operator = await verifySession({ capability: 'audit:read' });
  const { entries, total } = await queryAudit(await db(), auditScope(operator, query), { page: query.page, perPage: AUDIT_PAGE_SIZE });
  const rows: AuditRow[] = entries.map(({ operatorId: _id, ...row }) => row);
  return {
    rows,
    total,
    page: query.page,
    perPage: AUDIT_PAGE_SIZE,
    allSites: reachesAllSites(operator),
    /** When the log was read, for "12 min ago". */
    readAt: Date.now(),
  };
}

export async function* auditExportRows(operator: ScopedOperator, query: AuditQuery) {
  yield* allAudit(await db(), auditScope(operator, query));
}
