import 'server-only';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CompanyScope, SiteScope } from '../core/scope';
import { reachesNoSite } from '../core/scope';
import type { Dialect } from '../db';
import { inSiteScope } from '../db/scope';
import type { Database } from '../db/schema';
import { toDirectoryPerson, type DirectoryPerson } from './store';
import { membersOf, membersOfAny } from '../companies/members';

/** What a people list asks the directory; `sites` is the operator's scope, narrowed to a requested site. */
export interface DirectoryFilter {
  sites: SiteScope;
  /** A company admin's limit: only their companies' people. Unset or every company: no limit. */
  companies?: CompanyScope | undefined;
  search?: string | undefined;
  status?: 'all' | 'active' | 'inactive';
  role?: number | undefined;
  /** People with this role are left out (visitors, from member lists). */
  withoutRole?: number | undefined;
  card?: 'yes' | 'no' | undefined;
  /** Exactly this card number ("whose card is this?"). */
  cardNumber?: string | undefined;
  expired?: 'yes' | 'no' | undefined;
  /** Members of this company (its Spintly value's holders and those given to it in the portal). */
  company?: number | undefined;
  sort?: 'name' | 'created' | 'expiry';
  dir?: 'asc' | 'desc';
}

type PeopleQuery = SelectQueryBuilder<Database, 'people', object>;

function where(db: Kysely<Database>, dialect: Dialect, filter: DirectoryFilter, now: string) {
  let query: PeopleQuery = db.selectFrom('people');
  query = query.where(inSiteScope('home_site_id', filter.sites));
  if (filter.company !== undefined) query = query.where('id', 'in', membersOf(db, filter.company));
  if (filter.companies && !filter.companies.all)
    query =
      filter.companies.companies.length === 0
        ? query.where(sql<boolean>`1 = 0`)
        : query.where('id', 'in', membersOfAny(db, [...filter.companies.companies]));
  if (filter.status === 'active') query = query.where('active', '=', 1);
  if (filter.status === 'inactive') query = query.where('active', '=', 0);
  if (filter.role !== undefined)
    query = query.where(
      'id',
      'in',
      db.selectFrom('people_roles').select('person_id').where('role_id', '=', filter.role),
    );
  if (filter.withoutRole !== undefined)
    query = query.where(
      'id',
      'not in',
      db.selectFrom('people_roles').select('person_id').where('role_id', '=', filter.withoutRole),
    );
  if (filter.card === 'yes') query = query.where('card', 'is not', null);
  if (filter.card === 'no') query = query.where('card', 'is', null);
  if (filter.cardNumber !== undefined) query = query.where('card', '=', filter.cardNumber);
  if (filter.expired === 'yes') query = query.where('access_expires_at', '<', now);
  if (filter.expired === 'no')
    query = query.where((eb) => eb.or([eb('access_expires_at', 'is', null), eb('access_expires_at', '>=', now)]));
  const needle = filter.search?.trim().toLowerCase();
  if (needle) {
    if (dialect === 'sqlite' && [...needle].length >= 3) {
      // FTS5's trigram tokenizer answers "contains" from its index; a phrase keeps the text literal.
      const phrase = `"${needle.replace(/"/g, '""')}"`;
      query = query.where(
        'id',
        'in',
        sql<number>`(select rowid from people_search where people_search match ${phrase})`,
      );
    } else {
      // Postgres: pg_trgm's GIN index serves LIKE; shorter needles on SQLite scan (few such searches, all fast).
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
    }
  }
  return query;
}

const SORT_COLUMN = { name: 'name_sort', created: 'created_at', expiry: 'access_expires_at' } as const;

function ordered(query: PeopleQuery, filter: DirectoryFilter) {
  const column = SORT_COLUMN[filter.sort ?? 'name'];
  const dir = filter.dir ?? 'asc';
  // People without an expiry sort after every date, whichever way.
  const withNulls = filter.sort === 'expiry' ? query.orderBy(sql`access_expires_at is null`) : query;
  return withNulls.orderBy(column, dir).orderBy('id', dir);
}

/** One page of the people matching a filter, and how many match in all. */
export async function queryDirectory(
  db: Kysely<Database>,
  dialect: Dialect,
  filter: DirectoryFilter,
  page: { page: number; perPage: number },
  now = new Date(),
): Promise<{ items: DirectoryPerson[]; total: number }> {
  if (reachesNoSite(filter.sites)) return { items: [], total: 0 };
  const at = now.toISOString();
  const [rows, count] = await Promise.all([
    ordered(where(db, dialect, filter, at), filter)
      .selectAll()
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute(),
    where(db, dialect, filter, at)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDirectoryPerson), total: Number(count.n) };
}

export interface DirectoryCounts {
  people: number;
  active: number;
  withCard: number;
  expired: number;
}

/** How many people a filter covers, and of them how many are active, hold a card, or have access that has expired. */
export async function countDirectory(
  db: Kysely<Database>,
  dialect: Dialect,
  filter: DirectoryFilter,
  now = new Date(),
): Promise<DirectoryCounts> {
  if (reachesNoSite(filter.sites)) return { people: 0, active: 0, withCard: 0, expired: 0 };
  const at = now.toISOString();
  // Four counts, each answered from an index (active, card, expiry), beat one pass that reads every row for its sums.
  const count = async (narrow: (q: PeopleQuery) => PeopleQuery) =>
    Number(
      (
        await narrow(where(db, dialect, filter, at))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [people, active, withCard, expired] = await Promise.all([
    count((q) => q),
    count((q) => q.where('active', '=', 1)),
    count((q) => q.where('card', 'is not', null)),
    count((q) => q.where('access_expires_at', '<', at)),
  ]);
  return { people, active, withCard, expired };
}

/** Every person matching a filter, a chunk at a time, so an export of 100,000 rows never sits in memory at once. */
export async function* streamDirectory(
  db: Kysely<Database>,
  dialect: Dialect,
  filter: DirectoryFilter,
  chunk = 1000,
  now = new Date(),
): AsyncGenerator<DirectoryPerson> {
  if (reachesNoSite(filter.sites)) return;
  const at = now.toISOString();
  // Keyset, not offset: each chunk starts after the last row of the one before, so chunk 100 costs what chunk 1 did.
  let after: { name_sort: string; id: number } | null = null;
  for (;;) {
    let query = where(db, dialect, filter, at);
    if (after) {
      const { name_sort, id } = after;
      // A row value, so the index seeks to the position instead of walking to it.
      query = query.where((eb) => eb(eb.refTuple('name_sort', 'id'), '>', eb.tuple(name_sort, id)));
    }
    const rows = await query.selectAll().orderBy('name_sort').orderBy('id').limit(chunk).execute();
    for (const row of rows) yield toDirectoryPerson(row);
    if (rows.length < chunk) return;
    const last = rows[rows.length - 1]!;
    after = { name_sort: last.name_sort, id: Number(last.id) };
  }
}

/** The last sync that finished well, and the last one of any outcome: for "People as of 10:42". */
export async function syncStatus(db: Kysely<Database>) {
  const [lastOk, last] = await Promise.all([
    db
      .selectFrom('directory_syncs')
      .selectAll()
      .where('outcome', '=', 'ok')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('directory_syncs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst(),
  ]);
  return { lastOk: lastOk ?? null, last: last ?? null };
}
