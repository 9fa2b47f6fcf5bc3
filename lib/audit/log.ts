import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CompanyScope, SiteScope } from '../core/scope';
import { companiesOfPeople } from '../companies/members';
import { hostsOfVisits } from '../visitors/store';
import type { AuditOutcome, Database } from '../db/schema';
import { inSiteScope } from '../db/scope';
import { dayBounds } from '../format';
import type { AuditAction, FactsOf } from './actions';
import { targetNames, type AuditReason, type AuditTarget, type OutcomeCategory } from './sentence';

/**
 * The audit log: one row for every action an operator attempts, whatever its outcome, and for what the portal does
 * by itself. Everything goes in through `audit.record`; what it is given is chosen by the caller, which never passes
 * secrets, passwords or Spintly's raw text.
 */

/** Who acted, as the audit log names them; null when nobody is signed in (or the portal acted by itself). */
export interface AuditActor {
  id: string | null;
  email: string | null;
  role: string | null;
  /** The operator's name as it is now, so the record reads the same after a rename. */
  name?: string | null;
}

/** The portal itself, for what its background tasks do on their own (a visit that ends when its time is up). */
export const THE_PORTAL: AuditActor = { id: null, email: null, role: null, name: 'The portal' };

/** One record to write: what happened, to whom, and the facts its sentence is built from. */
export interface AuditWrite<A extends AuditAction> {
  outcome: AuditOutcome;
  /** The targets with their names and parts; their ids also go to the id column and index. */
  targets?: readonly AuditTarget[];
  facts?: FactsOf<A> | undefined;
  /** Why a refused attempt was refused; null when it was done or broke. */
  reason?: AuditReason | null;
  siteId?: number | null;
  spintlyStatus?: number | null;
  /** A short free-text note for people reading the record (never read by code). */
  detail?: string | null;
  durationMs?: number;
  at?: Date;
}

/** A record as read back. */
export interface AuditEntry {
  id: string;
  at: string;
  operatorId: string | null;
  operatorEmail: string | null;
  operatorRole: string | null;
  operatorName: string | null;
  action: string;
  targetType: string | null;
  targetIds: readonly string[];
  targets: readonly AuditTarget[];
  siteId: number | null;
  outcome: AuditOutcome;
  reason: AuditReason | null;
  spintlyStatus: number | null;
  durationMs: number;
  detail: string | null;
  facts: Record<string, unknown> | null;
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
  /** A company admin's limit: only the entries about their companies (see `companiesAbout`); unset = no limit. */
  companies?: CompanyScope | undefined;
}

/**
 * The companies a record is about, so their admins can read it: a company it names, and the company of the people it
 * names (a visit's: its host) when they all belong to that one company (a record about several companies' people is
 * none of them alone — no company admin reads the names of another company's people). The person a record creates is
 * left out: a new person's company is named as a company target, and a new visitor belongs to no company.
 */
async function companiesAbout(db: Kysely<Database>, targets: readonly AuditTarget[]): Promise<number[]> {
  const companies = new Set(targets.filter((t) => t.type === 'company').map((t) => Number(t.id)));
  const visits = targets.filter((t) => t.type === 'visit').map((t) => String(t.id));
  const hosts = visits.length > 0 ? [...(await hostsOfVisits(db, visits)).values()].map((v) => v.hostId) : [];
  const people = [
    ...new Set([
      ...targets.filter((t) => t.type === 'person' && t.part !== 'created').map((t) => Number(t.id)),
      ...hosts,
    ]),
  ].filter(Number.isSafeInteger);
  if (people.length > 0) {
    const byPerson = await companiesOfPeople(db, people);
    const theirs = new Set(people.map((id) => byPerson.get(id)));
    const [only] = theirs;
    if (theirs.size === 1 && only !== undefined) companies.add(only);
  }
  return [...companies].filter(Number.isSafeInteger);
}

/** The one writer of audit records. */
async function record<A extends AuditAction>(
  db: Kysely<Database>,
  actor: AuditActor | null,
  action: A,
  write: AuditWrite<A>,
): Promise<void> {
  const id = randomUUID();
  const targets = write.targets ?? [];
  const ids = targets.map((t) => String(t.id));
  const companies = await companiesAbout(db, targets);
  await db
    .insertInto('audit_log')
    .values({
      id,
      at: (write.at ?? new Date()).toISOString(),
      operator_id: actor?.id ?? null,
      operator_email: actor?.email ?? null,
      operator_role: actor?.role ?? null,
      operator_name: actor?.name ?? null,
      action,
      target_type: targets[0]?.type ?? null,
      target_ids: ids.length > 0 ? ids.join(',') : null,
      site_id: write.siteId ?? null,
      outcome: write.outcome,
      spintly_status: write.spintlyStatus ?? null,
      duration_ms: Math.round(write.durationMs ?? 0),
      detail: write.detail ?? null,
      targets: targets.length > 0 ? JSON.stringify(targets) : null,
      target_names: targetNames(targets),
      reason: write.reason ?? null,
      facts: write.facts === undefined ? null : JSON.stringify(write.facts),
    })
    .execute();
  const distinct = [...new Set(ids)];
  if (distinct.length > 0)
    await db
      .insertInto('audit_targets')
      .values(distinct.map((target) => ({ audit_id: id, target_id: target })))
      .execute();
  if (companies.length > 0)
    await db
      .insertInto('audit_companies')
      .values(companies.map((company) => ({ audit_id: id, company_id: company })))
      .execute();
}

export const audit = { record };

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
  if (filters.companies && !filters.companies.all) {
    const companies = filters.companies.companies;
    query =
      companies.length === 0
        ? query.where(sql<boolean>`1 = 0`)
        : query.where(
            'id',
            'in',
            db
              .selectFrom('audit_companies')
              .select('audit_id')
              .where('company_id', 'in', [...companies]),
          );
  }
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
    targets: parseJson<AuditTarget[]>(row.targets) ?? [],
    reason: row.reason as AuditReason | null,
    facts: parseJson<Record<string, unknown>>(row.facts),
  };
}

function parseJson<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
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

/**
 * The record step that actions and route handlers share: one call per outcome, with the actor, the audit name and
 * the time since `started` filled in.
 */
export function auditRecorder<A extends AuditAction>(
  db: Kysely<Database>,
  actor: AuditActor | null,
  action: A,
  started: number,
) {
  return (outcome: AuditOutcome, write: Omit<AuditWrite<A>, 'outcome' | 'durationMs'> = {}) =>
    audit.record(db, actor, action, { ...write, outcome, durationMs: performance.now() - started });
}
