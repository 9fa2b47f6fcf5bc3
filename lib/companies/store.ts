import 'server-only';
import { sql, type Kysely } from 'kysely';
import type { CompanyScope, SiteScope } from '../core/scope';
import type { CompaniesTable, CompanyStatus, Database } from '../db/schema';
import { inSiteScope } from '../db/scope';

export { membersOf } from './members';

/**
 * The portal's companies. A company's members are the people holding its Spintly term (the directory keeps everyone's
 * terms, so a linked company adopts its people at every sync without a step of its own) plus the people given to it
 * in the portal (`company_members`, for a company without a term). Everything here is local: no Spintly call.
 */
export interface Company {
  id: number;
  name: string;
  status: CompanyStatus;
  validFrom: string;
  validUntil: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  termId: number | null;
  termName: string | null;
  notes: string | null;
  endedAt: string | null;
  siteIds: number[];
  doorIds: number[];
}

export interface CompanyWrite {
  name: string;
  validFrom: string;
  validUntil?: string | undefined;
  siteIds: readonly number[];
  doorIds: readonly number[];
  termId?: number | undefined;
  termName?: string | null;
  contactName?: string | undefined;
  contactEmail?: string | undefined;
  contactPhone?: string | undefined;
  notes?: string | undefined;
}

const columns = (write: CompanyWrite, now: string) => ({
  name: write.name,
  name_sort: write.name.toLowerCase(),
  valid_from: write.validFrom,
  valid_until: write.validUntil ?? null,
  term_id: write.termId ?? null,
  term_name: write.termId ? (write.termName ?? null) : null,
  contact_name: write.contactName ?? null,
  contact_email: write.contactEmail ?? null,
  contact_phone: write.contactPhone ?? null,
  notes: write.notes ?? null,
  updated_at: now,
});

async function writeSetsOf(db: Kysely<Database>, companyId: number, write: CompanyWrite) {
  await db.deleteFrom('company_sites').where('company_id', '=', companyId).execute();
  await db.deleteFrom('company_doors').where('company_id', '=', companyId).execute();
  const sites = [...new Set(write.siteIds)];
  const doors = [...new Set(write.doorIds)];
  if (sites.length > 0)
    await db
      .insertInto('company_sites')
      .values(sites.map((site_id) => ({ company_id: companyId, site_id })))
      .execute();
  if (doors.length > 0)
    await db
      .insertInto('company_doors')
      .values(doors.map((door_id) => ({ company_id: companyId, door_id })))
      .execute();
}

/** A name or term already taken is the caller's refusal to word; this says which. */
export async function clashOf(
  db: Kysely<Database>,
  write: Pick<CompanyWrite, 'name' | 'termId'>,
  exceptId?: number,
): Promise<'name' | 'term' | null> {
  let query = db.selectFrom('companies').select(['name_sort', 'term_id']);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query
    .where((eb) =>
      eb.or([
        eb('name_sort', '=', write.name.toLowerCase()),
        ...(write.termId ? [eb('term_id', '=', write.termId)] : []),
      ]),
    )
    .executeTakeFirst();
  if (!clash) return null;
  return clash.name_sort === write.name.toLowerCase() ? 'name' : 'term';
}

export async function createCompany(db: Kysely<Database>, write: CompanyWrite, now = new Date()): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('companies')
      .values({ ...columns(write, at), status: 'active', created_at: at, ended_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await writeSetsOf(tx, id, write);
    return id;
  });
}

/**
 * An ended company active again — only its status: nothing is given back to anyone (its members stay as its end left
 * them). Returns false when it was not ended.
 */
export async function reactivateCompany(db: Kysely<Database>, id: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('companies')
    .set({ status: 'active', ended_at: null, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'ended')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateCompany(db: Kysely<Database>, id: number, write: CompanyWrite, now = new Date()) {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('companies').set(columns(write, now.toISOString())).where('id', '=', id).execute();
    await writeSetsOf(tx, id, write);
  });
}

function toCompany(row: CompaniesTable & { id: number }, siteIds: number[], doorIds: number[]): Company {
  return {
    id: Number(row.id),
    name: row.name,
    status: row.status,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    termId: row.term_id === null ? null : Number(row.term_id),
    termName: row.term_name,
    notes: row.notes,
    endedAt: row.ended_at,
    siteIds,
    doorIds,
  };
}

export async function getCompany(db: Kysely<Database>, id: number): Promise<Company | null> {
  const row = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [sites, doors] = await Promise.all([
    db.selectFrom('company_sites').select('site_id').where('company_id', '=', id).execute(),
    db.selectFrom('company_doors').select('door_id').where('company_id', '=', id).execute(),
  ]);
  return toCompany(
    row as CompaniesTable & { id: number },
    sites.map((s) => Number(s.site_id)).sort((a, b) => a - b),
    doors.map((d) => Number(d.door_id)).sort((a, b) => a - b),
  );
}

export interface CompanyListFilter {
  search?: string | undefined;
  site?: number | undefined;
  status?: CompanyStatus | undefined;
  /** The operator's sites: a company is theirs when one of its sites is. */
  sites: SiteScope;
  /** A company admin's companies: only those. */
  companies?: CompanyScope | undefined;
}

export interface CompanyListRow {
  id: number;
  name: string;
  status: CompanyStatus;
  validUntil: string | null;
  termName: string | null;
  members: number;
  siteIds: number[];
}

/** The companies a filter matches, as a query to select from (null: none can match). */
function companiesMatching(db: Kysely<Database>, filter: CompanyListFilter) {
  if (filter.companies && !filter.companies.all && filter.companies.companies.length === 0) return null;
  let query = db.selectFrom('companies as c').where(
    'c.id',
    'in',
    db
      .selectFrom('company_sites')
      .select('company_id')
      .where(inSiteScope('site_id', filter.sites))
      .$if(filter.site !== undefined, (q) => q.where('site_id', '=', filter.site!)),
  );
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.companies && !filter.companies.all) query = query.where('c.id', 'in', [...filter.companies.companies]);
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`c.name_sort like ${pattern} escape '\\'`);
  }
  return query;
}

/** Id and name of the companies a filter matches, by name: a filter's choices, without counting anyone. */
export async function companyChoices(db: Kysely<Database>, filter: CompanyListFilter) {
  const rows = (await companiesMatching(db, filter)?.select(['c.id', 'c.name']).orderBy('c.name_sort').execute()) ?? [];
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/**
 * Companies matching a filter, with their member counts: those ending soonest first (no end date last), then by
 * name. A value's holders are counted by the directory as it writes (`directory_terms.holders`); members given in the
 * portal are an indexed count. So a list of dozens of companies over 100,000 people reads a few dozen rows.
 */
export async function listCompanies(db: Kysely<Database>, filter: CompanyListFilter): Promise<CompanyListRow[]> {
  const matching = companiesMatching(db, filter);
  if (!matching) return [];
  const rows = await matching
    .select((eb) => [
      'c.id',
      'c.name',
      'c.status',
      'c.valid_until',
      'c.term_name',
      // The value's holders, as the directory keeps them (not counted here on every view).
      eb
        .selectFrom('directory_terms')
        .select('directory_terms.holders')
        .whereRef('directory_terms.term_id', '=', 'c.term_id')
        .as('term_members'),
      eb
        .selectFrom('company_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('company_members.company_id', '=', 'c.id')
        .as('portal_members'),
    ])
    .orderBy(sql`case when c.valid_until is null then 1 else 0 end`)
    .orderBy('c.valid_until')
    .orderBy('c.name_sort')
    .execute();
  if (rows.length === 0) return [];
  const sites = await db
    .selectFrom('company_sites')
    .select(['company_id', 'site_id'])
    .where(
      'company_id',
      'in',
      rows.map((r) => Number(r.id)),
    )
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    status: r.status,
    validUntil: r.valid_until,
    termName: r.term_name,
    members: Number(r.term_members ?? 0) + Number(r.portal_members ?? 0),
    siteIds: sites.filter((s) => Number(s.company_id) === Number(r.id)).map((s) => Number(s.site_id)),
  }));
}

/** The attribute values the directory has seen, for linking a company; each with whether a company has it. */
export async function knownTerms(db: Kysely<Database>) {
  return db
    .selectFrom('directory_terms as t')
    .leftJoin('companies as c', 'c.term_id', 't.term_id')
    .select(['t.term_id', 't.attribute_name', 't.term_name', 'c.id as company_id'])
    .orderBy('t.attribute_name')
    .orderBy('t.term_name')
    .execute();
}

/** Each company's name and sites, for the scope check (a company is in scope when one of its sites is). */
export async function companySitesOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, { name: string; siteIds: number[] }>> {
  const found = new Map<number, { name: string; siteIds: number[] }>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('companies')
    .leftJoin('company_sites', 'company_sites.company_id', 'companies.id')
    .select(['companies.id', 'companies.name', 'company_sites.site_id'])
    .where('companies.id', 'in', [...ids])
    .execute();
  for (const row of rows) {
    const entry = found.get(Number(row.id)) ?? { name: row.name, siteIds: [] };
    if (row.site_id !== null) entry.siteIds.push(Number(row.site_id));
    found.set(Number(row.id), entry);
  }
  return found;
}
