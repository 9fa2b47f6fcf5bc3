import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { SiteScope } from '../core/scope';
import type { AuditOutcome, Database } from '../db/schema';
import { inSiteScope } from '../db/scope';
import { dayBounds } from '../format';
import { targetNames, type AuditReason, type AuditTarget, type OutcomeCategory } from './sentence';

/**
 * The audit log: one row for every action an operator attempts, whatever its outcome. What goes in is chosen by
 * the action factory, which never passes secrets, passwords or Spintly's raw text.
 */
export interface AuditRecord {
  operatorId: string | null;
  operatorEmail: string | null;
  operatorRole: string | null;
  action: string;
  targetType: string | null;
  targetIds: readonly (string | number)[];
  siteId: number | null;
  outcome: AuditOutcome;
  spintlyStatus: number | null;
  durationMs: number;
  detail: string | null;
  /** The operator's name as it is now, so the record reads the same after a rename. */
  operatorName?: string | null;
  /** The targets with their names and parts (the ids above stay for the CSV and the id filter). */
  targets?: readonly AuditTarget[];
  reason?: AuditReason | null;
}

export interface AuditEntry extends AuditRecord {
  id: string;
  at: string;
}

export interface AuditFilters {
  operator?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  /** A person, door, site or operator named in the record (contains, any case). */
  about?: string | undefined;
  /** Done, refused (the request was wrong or not allowed) or failed (Spintly or the portal broke): as `describeOutcome`. */
  category?: OutcomeCategory | undefined;
  /** ISO dates (YYYY-MM-DD), both included, as days in `timeZone` (default UTC). */
  from?: string | undefined;
  to?: string | undefined;
  timeZone?: string | undefined;
  /** Whose entries: a limited operator sees the entries about their sites; unset = every entry. */
  sites?: SiteScope | undefined;
}

export async function writeAudit(db: Kysely<Database>, record: AuditRecord, at: Date = new Date()): Promise<void> {
  const id = randomUUID();
  const targets = [...new Set(record.targetIds.map(String))];
  await db
    .insertInto('audit_log')
    .values({
      id,
      at: at.toISOString(),
      operator_id: record.operatorId,
      operator_email: record.operatorEmail,
      operator_role: record.operatorRole,
      action: record.action,
      target_type: record.targetType,
      target_ids: record.targetIds.length > 0 ? record.targetIds.join(',') : null,
      site_id: record.siteId,
      outcome: record.outcome,
      spintly_status: record.spintlyStatus,
      duration_ms: Math.round(record.durationMs),
      detail: record.detail,
      operator_name: record.operatorName ?? null,
      targets: record.targets && record.targets.length > 0 ? JSON.stringify(record.targets) : null,
      target_names: targetNames(record.targets ?? []),
      reason: record.reason ?? null,
    })
    .execute();
  if (targets.length > 0)
    await db
      .insertInto('audit_targets')
      .values(targets.map((target) => ({ audit_id: id, target_id: target })))
      .execute();
}

function filtered(db: Kysely<Database>, filters: AuditFilters) {
  let query = db.selectFrom('audit_log');
  if (filters.operator)
    query = query.where((eb) =>
      eb.or([contains('operator_email', filters.operator!), contains('operator_name', filters.operator!)]),
    );
  // Within one name: the search's own spaces and line breaks are single spaces, as names are stored.
  if (filters.about) query = query.where(contains('target_names', filters.about.replace(/\s+/g, ' ').trim()));
  if (filters.action) query = query.where(contains('action', filters.action));
  // The same split as describeOutcome: a failure with a reason, or an invalid/denied outcome, was a refusal.
  if (filters.category === 'ok') query = query.where('outcome', '=', 'ok');
  if (filters.category === 'failed') query = query.where('outcome', '=', 'failed').where('reason', 'is', null);
  if (filters.category === 'refused')
    query = query.where((eb) =>
      eb.or([
        eb('outcome', 'in', ['invalid', 'denied']),
        eb.and([eb('outcome', '=', 'failed'), eb('reason', 'is not', null)]),
      ]),
    );
  if (filters.target) {
    const target = filters.target.trim();
    query = query.where('id', 'in', db.selectFrom('audit_targets').select('audit_id').where('target_id', '=', target));
  }
  const zone = filters.timeZone ?? 'UTC';
  if (filters.from) query = query.where('at', '>=', dayBounds(filters.from, zone).start);
  if (filters.to) query = query.where('at', '<=', dayBounds(filters.to, zone).end);
  if (filters.sites) query = query.where(inSiteScope('site_id', filters.sites));
  return query;
}

/** Case-insensitive "contains" that treats % and _ in the user's text literally, on SQLite and Postgres alike. */
function contains(column: 'operator_email' | 'operator_name' | 'action' | 'target_names', text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

function toEntry(row: Database['audit_log']): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    operatorId: row.operator_id,
    operatorEmail: row.operator_email,
    operatorRole: row.operator_role,
    action: row.action,
    targetType: row.target_type,
    targetIds: row.target_ids ? row.target_ids.split(',') : [],
    siteId: row.site_id === null ? null : Number(row.site_id),
    outcome: row.outcome,
    spintlyStatus: row.spintly_status === null ? null : Number(row.spintly_status),
    durationMs: Number(row.duration_ms),
    detail: row.detail,
    operatorName: row.operator_name,
    targets: parseTargets(row.targets),
    reason: row.reason as AuditReason | null,
  };
}

function parseTargets(json: string | null): AuditTarget[] {
  if (!json) return [];
  try {
    return JSON.parse(json) as AuditTarget[];
  } catch {
    return [];
  }
}

export async function queryAudit(
  db: Kysely<Database>,
  filters: AuditFilters,
  page: { page: number; perPage: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filters)
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute(),
    filtered(db, filters)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { entries: rows.map(toEntry), total: Number(count.n) };
}

/** Every matching entry, newest first, in chunks: for exports. */
export async function* allAudit(db: Kysely<Database>, filters: AuditFilters, chunk = 1000): AsyncGenerator<AuditEntry> {
  for (let offset = 0; ; offset += chunk) {
    const rows = await filtered(db, filters)
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(chunk)
      .offset(offset)
      .execute();
    for (const row of rows) yield toEntry(row);
    if (rows.length < chunk) return;
  }
}

/** Who acted, as the audit log names them; null when nobody is signed in. */
export interface AuditActor {
  id: string;
  email: string;
  role: string;
  name?: string;
}

export interface AuditOutcomeExtra {
  targets?: readonly AuditTarget[];
  reason?: AuditReason | null;
  siteId?: number | null;
  spintlyStatus?: number | null;
  detail?: string | null;
}

/**
 * The record step that actions and route handlers share: one call per outcome, with the actor, the audit name and
 * the time since `started` filled in.
 */
export function auditRecorder(db: Kysely<Database>, actor: AuditActor | null, action: string, started: number) {
  return (outcome: AuditOutcome, extra: AuditOutcomeExtra = {}) =>
    writeAudit(db, {
      operatorId: actor?.id ?? null,
      operatorEmail: actor?.email ?? null,
      operatorRole: actor?.role ?? null,
      operatorName: actor?.name ?? null,
      action,
      targetType: extra.targets?.[0]?.type ?? null,
      targetIds: extra.targets?.map((t) => t.id) ?? [],
      siteId: extra.siteId ?? null,
      outcome,
      spintlyStatus: extra.spintlyStatus ?? null,
      durationMs: performance.now() - started,
      detail: extra.detail ?? null,
      targets: extra.targets ?? [],
      reason: extra.reason ?? null,
    });
}
