import 'server-only';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db';
import type { Database, PeopleTable } from '../db/schema';
import type { SpintlyUser } from '../spintly/contract';

/**
 * The people directory's table: written from what Spintly said (a reconcile, a write-through after a change, a
 * read-repair when a person's page reads them live), read by every people list. It never decides access: writes go
 * to Spintly first, and a person's own page always reads Spintly.
 */
export type DirectoryPerson = Pick<
  PeopleTable,
  'id' | 'name' | 'email' | 'phone' | 'employee_code' | 'home_site_id' | 'card' | 'access_expires_at'
> & { roles: string[]; active: boolean; isSignedUp: boolean; createdAt: string };

const BATCH = 400;

function searchText(user: SpintlyUser): string {
  return [user.name, user.email, user.phone, user.employeeCode, user.credentialId]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

export function toPeopleRow(user: SpintlyUser, confirmedAt: string): Omit<PeopleTable, 'missing_since_sync'> {
  const row = {
    id: user.id,
    name: user.name,
    name_sort: user.name.toLowerCase(),
    email: user.email,
    phone: user.phone,
    employee_code: user.employeeCode,
    home_site_id: user.homeSiteId,
    role_names: JSON.stringify(user.roles.map((r) => r.name)),
    card: user.credentialId,
    access_expires_at: user.accessExpiresAt,
    active: user.deactivatedOn === null ? 1 : 0,
    is_signed_up: user.isSignedUp ? 1 : 0,
    created_at: user.createdAt,
    search_text: searchText(user),
  };
  const roles = user.roles.map((r) => r.id).sort((a, b) => a - b);
  const terms = termsOf(user);
  // Terms joined the fingerprint later: left out when there are none, so a person without any keeps theirs.
  const fingerprint = createHash('sha1')
    .update(JSON.stringify(terms.length > 0 ? [row, roles, terms] : [row, roles]))
    .digest('base64url');
  return { ...row, fingerprint, confirmed_at: confirmedAt };
}

/** A person's attribute values (term ids), sorted, once each. */
export const termsOf = (user: SpintlyUser): number[] =>
  [...new Set(user.attributes.map((a) => a.termId))].sort((a, b) => a - b);

let generation = 0;
/**
 * Bumped whenever this process changes the directory's people: figures derived from it (the home page's counts) are
 * recomputed after any change made here, not only when their time is up.
 */
export const directoryGeneration = () => generation;
export function directoryChanged() {
  generation++;
}

/** Writes what Spintly said about these people; returns how many were new and how many had changed. */
export async function upsertPeople(
  db: Kysely<Database>,
  dialect: Dialect,
  users: readonly SpintlyUser[],
  confirmedAt: string,
): Promise<{ added: number; changed: number }> {
  let added = 0;
  let changed = 0;
  for (let i = 0; i < users.length; i += BATCH) {
    const batch = users.slice(i, i + BATCH);
    const rows = batch.map((user) => toPeopleRow(user, confirmedAt));
    const known = new Map(
      (
        await db
          .selectFrom('people')
          .select(['id', 'fingerprint'])
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      ).map((r) => [r.id, r.fingerprint]),
    );
    const fresh = rows.filter((r) => known.get(r.id) !== r.fingerprint);
    added += rows.filter((r) => !known.has(r.id)).length;
    changed += fresh.filter((r) => known.has(r.id)).length;
    await db.transaction().execute(async (tx) => {
      // Every row confirmed now; only rows that differ are rewritten with their roles and search entry.
      await tx
        .updateTable('people')
        .set({ confirmed_at: confirmedAt, missing_since_sync: null })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      if (fresh.length === 0) return;
      await tx
        .insertInto('people')
        .values(fresh.map((r) => ({ ...r, missing_since_sync: null })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            name_sort: eb.ref('excluded.name_sort'),
            email: eb.ref('excluded.email'),
            phone: eb.ref('excluded.phone'),
            employee_code: eb.ref('excluded.employee_code'),
            home_site_id: eb.ref('excluded.home_site_id'),
            role_names: eb.ref('excluded.role_names'),
            card: eb.ref('excluded.card'),
            access_expires_at: eb.ref('excluded.access_expires_at'),
            active: eb.ref('excluded.active'),
            is_signed_up: eb.ref('excluded.is_signed_up'),
            created_at: eb.ref('excluded.created_at'),
            search_text: eb.ref('excluded.search_text'),
            fingerprint: eb.ref('excluded.fingerprint'),
            confirmed_at: eb.ref('excluded.confirmed_at'),
            missing_since_sync: null,
          })),
        )
        .execute();
      const ids = fresh.map((r) => r.id);
      await tx.deleteFrom('people_roles').where('person_id', 'in', ids).execute();
      const roles = batch
        .filter((u) => ids.includes(u.id))
        .flatMap((u) => [...new Set(u.roles.map((r) => r.id))].map((role) => ({ person_id: u.id, role_id: role })));
      if (roles.length > 0) await tx.insertInto('people_roles').values(roles).execute();
      const before = await heldTerms(tx, ids);
      await tx.deleteFrom('people_terms').where('person_id', 'in', ids).execute();
      const terms = batch
        .filter((u) => ids.includes(u.id))
        .flatMap((u) => termsOf(u).map((term) => ({ person_id: u.id, term_id: term })));
      if (terms.length > 0) await tx.insertInto('people_terms').values(terms).execute();
      const seen = new Map(batch.flatMap((u) => u.attributes.map((a) => [a.termId, a] as const)));
      if (seen.size > 0)
        await tx
          .insertInto('directory_terms')
          .values([...seen.values()].map((a) => ({ term_id: a.termId, attribute_name: a.name, term_name: a.termName })))
          .onConflict((oc) =>
            oc.column('term_id').doUpdateSet((eb) => ({
              attribute_name: eb.ref('excluded.attribute_name'),
              term_name: eb.ref('excluded.term_name'),
            })),
          )
          .execute();
      await recountHolders(tx, [...before, ...terms.map((t) => t.term_id)]);
      if (dialect === 'sqlite') {
        await sql`delete from people_search where rowid in (${sql.join(ids)})`.execute(tx);
        await sql`insert into people_search (rowid, search_text) values ${sql.join(
          fresh.map((r) => sql`(${r.id}, ${r.search_text})`),
        )}`.execute(tx);
      }
    });
  }
  if (added + changed > 0) directoryChanged();
  return { added, changed };
}

/** The attribute values these people hold now. */
async function heldTerms(db: Kysely<Database>, personIds: readonly number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('people_terms')
    .select('term_id')
    .distinct()
    .where('person_id', 'in', [...personIds])
    .execute();
  return rows.map((r) => Number(r.term_id));
}

/**
 * Each value's holder count, counted again for the values a write touched (a few per batch: an indexed count each),
 * so the companies list reads a number instead of counting members on every view.
 */
async function recountHolders(db: Kysely<Database>, termIds: readonly number[]) {
  const touched = [...new Set(termIds)];
  if (touched.length === 0) return;
  await db
    .updateTable('directory_terms')
    .set((eb) => ({
      holders: eb
        .selectFrom('people_terms')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('people_terms.term_id', '=', 'directory_terms.term_id'),
    }))
    .where('term_id', 'in', touched)
    .execute();
}

/** Drops people from the directory (and with them every copy of their personal data here). */
export async function removePeople(db: Kysely<Database>, dialect: Dialect, ids: readonly number[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('people_roles').where('person_id', 'in', batch).execute();
      const before = await heldTerms(tx, batch);
      await tx.deleteFrom('people_terms').where('person_id', 'in', batch).execute();
      await recountHolders(tx, before);
      await tx.deleteFrom('company_members').where('person_id', 'in', batch).execute();
      const result = await tx.deleteFrom('people').where('id', 'in', batch).executeTakeFirst();
      removed += Number(result.numDeletedRows);
      if (dialect === 'sqlite') await sql`delete from people_search where rowid in (${sql.join(batch)})`.execute(tx);
    });
  }
  if (removed > 0) directoryChanged();
  return removed;
}

export function toDirectoryPerson(row: PeopleTable): DirectoryPerson {
  return {
    id: Number(row.id),
    name: row.name,
    email: row.email,
    phone: row.phone,
    employee_code: row.employee_code,
    home_site_id: row.home_site_id === null ? null : Number(row.home_site_id),
    card: row.card,
    access_expires_at: row.access_expires_at,
    roles: JSON.parse(row.role_names) as string[],
    active: Number(row.active) === 1,
    isSignedUp: Number(row.is_signed_up) === 1,
    createdAt: row.created_at,
  };
}
