import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The ids of the people of a company, as SQL: its term's holders and the members given in the portal. */
export function membersOf(db: Kysely<Database>, companyId: number) {
  return db
    .selectFrom('people_terms')
    .select('people_terms.person_id')
    .where(
      'people_terms.term_id',
      '=',
      db.selectFrom('companies').select('term_id').where('id', '=', companyId).$castTo<number>(),
    )
    .union(db.selectFrom('company_members').select('person_id').where('company_id', '=', companyId));
}

/** The ids of the people of any of these companies (at least one), as SQL. */
export function membersOfAny(db: Kysely<Database>, companyIds: readonly number[]) {
  const ids = [...companyIds];
  return db
    .selectFrom('people_terms')
    .select('people_terms.person_id')
    .where(
      'people_terms.term_id',
      'in',
      db.selectFrom('companies').select('term_id').where('id', 'in', ids).$castTo<number>(),
    )
    .union(db.selectFrom('company_members').select('person_id').where('company_id', 'in', ids));
}

/** Each person's company (by its Spintly value, else given in the portal); people of none are absent. */
export async function companiesOfPeople(
  db: Kysely<Database>,
  personIds: readonly number[],
): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  if (personIds.length === 0) return found;
  const [byTerm, byPortal] = await Promise.all([
    db
      .selectFrom('people_terms')
      .innerJoin('companies', 'companies.term_id', 'people_terms.term_id')
      .select(['people_terms.person_id', 'companies.id'])
      .where('people_terms.person_id', 'in', [...personIds])
      .execute(),
    db
      .selectFrom('company_members')
      .select(['person_id', 'company_id'])
      .where('person_id', 'in', [...personIds])
      .execute(),
  ]);
  for (const row of byPortal) found.set(Number(row.person_id), Number(row.company_id));
  for (const row of byTerm) found.set(Number(row.person_id), Number(row.id));
  return found;
}

/** The doors in any of these companies' envelopes. */
export async function envelopeOf(db: Kysely<Database>, companyIds: readonly number[]): Promise<Set<number>> {
  if (companyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('company_doors')
    .select('door_id')
    .where('company_id', 'in', [...companyIds])
    .execute();
  return new Set(rows.map((r) => Number(r.door_id)));
}

/**
 * Members' company names, for a Company column: every member's (an export of the whole directory, one read however
 * many people), or only these people's (a chunk of events).
 */
export async function companyNamesByPerson(
  db: Kysely<Database>,
  personIds?: readonly number[],
): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (personIds?.length === 0) return names;
  const only = personIds && [...personIds];
  let byTerm = db
    .selectFrom('people_terms')
    .innerJoin('companies', 'companies.term_id', 'people_terms.term_id')
    .select(['people_terms.person_id', 'companies.name']);
  let byPortal = db
    .selectFrom('company_members')
    .innerJoin('companies', 'companies.id', 'company_members.company_id')
    .select(['company_members.person_id', 'companies.name']);
  if (only) {
    byTerm = byTerm.where('people_terms.person_id', 'in', only);
    byPortal = byPortal.where('company_members.person_id', 'in', only);
  }
  const [termRows, portalRows] = await Promise.all([byTerm.execute(), byPortal.execute()]);
  // A Spintly value wins over a list kept in the portal, as in `companiesOfPeople`.
  for (const row of portalRows) names.set(Number(row.person_id), row.name);
  for (const row of termRows) names.set(Number(row.person_id), row.name);
  return names;
}
