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
