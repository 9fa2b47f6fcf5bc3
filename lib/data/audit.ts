import 'server-only';
import { companyScope, reachesAllSites, siteScope, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { allAudit, queryAudit, type AuditEntry, type AuditFilters } from '../audit/log';
import { db } from '../db';
import { z } from 'zod';
import { portalEnv } from '../env';
import { queryFields } from '../validation/query';
import { ROLE_LABELS } from '../auth/permissions';
import type { OperatorRole } from '../db/schema';
import { OUTCOME_CATEGORIES, auditSentence, describeOutcome } from '../audit/sentence';
import { allSiteOptions } from './sites';
import { nameFor, namesById } from '../core/names';

export const AUDIT_PAGE_SIZE = 50;

/** The audit list's URL: filters by operator, action, target and dates (YYYY-MM-DD), and the page. */
const text = z.string().trim().max(200).optional().catch(undefined);
const day = queryFields.day;
export const auditQuerySchema = z.object({
  operator: text,
  action: text,
  target: text,
  about: text,
  outcome: z.enum(OUTCOME_CATEGORIES).optional().catch(undefined),
  from: day,
  to: day,
  page: queryFields.page,
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/**
 * Super admins see every entry; site admins only entries about their sites; company admins only entries about their
 * companies (their people and the companies themselves), not everything at those companies' sites.
 */
export function auditScope(operator: ScopedOperator, query: AuditQuery): AuditFilters {
  const companies = companyScope(operator);
  return {
    operator: query.operator,
    action: query.action,
    target: query.target,
    about: query.about,
    category: query.outcome,
    from: query.from,
    to: query.to,
    // Days are the portal's days: "30/11/2026" in India starts at 18:30 UTC the day before.
    timeZone: portalEnv().display.timeZone,
    ...(companies.all ? { sites: siteScope(operator) } : { companies }),
  };
}

/** A record as the page shows it: who, in words, with names; ids and codes kept for the details line. */
export interface AuditRow {
  id: string;
  at: string;
  operator: string;
  operatorEmail: string | null;
  operatorRole: string | null;
  sentence: string;
  outcome: ReturnType<typeof describeOutcome>;
  detail: string | null;
  action: string;
  targetIds: string[];
  siteName: string | null;
  spintlyStatus: number | null;
  durationMs: number;
}

/** The sentence and the outcome in words, for the page and the CSV alike. */
export function readable(e: AuditEntry) {
  return { sentence: auditSentence(e), outcome: describeOutcome(e.outcome, e.reason) };
}

export async function auditPage(query: AuditQuery) {
  const operator = await verifySession({ capability: 'audit:read' });
  const [{ entries, total }, sites] = await Promise.all([
    queryAudit(await db(), auditScope(operator, query), { page: query.page, perPage: AUDIT_PAGE_SIZE }),
    allSiteOptions().catch(() => []),
  ]);
  const siteNames = namesById(sites);
  const rows: AuditRow[] = entries.map((e) => ({
    id: e.id,
    at: e.at,
    operator: e.operatorName ?? e.operatorEmail ?? 'Not signed in',
    operatorEmail: e.operatorEmail,
    operatorRole:
      e.operatorRole && e.operatorRole in ROLE_LABELS ? ROLE_LABELS[e.operatorRole as OperatorRole] : e.operatorRole,
    ...readable(e),
    detail: e.detail,
    action: e.action,
    targetIds: e.targetIds.map(String),
    siteName: e.siteId === null ? null : nameFor(siteNames, 'site', e.siteId),
    spintlyStatus: e.spintlyStatus,
    durationMs: e.durationMs,
  }));
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
