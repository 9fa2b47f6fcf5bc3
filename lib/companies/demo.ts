import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addDays, dayOf } from '../format';
import { DEMO_PASSWORD } from '../operators/demo';
import { operatorStore } from '../operators/store';
import type { SpintlyClient } from '../spintly/client';
import { createCompany } from './store';

export const DEMO_COMPANY_ADMIN = 'companyadmin@demo.local';

/**
 * The demo's companies: one per "Company" value the sandbox's people hold (read from the directory after its first
 * sync), each at the site most of its people call home, with that site's first two doors (its entrances) as the
 * envelope and a year to run — one ends in 20 days, to show the warning. Then the company admin, for the first
 * company with members at site 1. Idempotent: companies already there (by Spintly value) are left as they are.
 */
export async function seedDemoCompanies(
  db: Kysely<Database>,
  spintly: Pick<SpintlyClient, 'allDoors'>,
  timeZone: string,
) {
  const terms = await db
    .selectFrom('directory_terms as t')
    .innerJoin('people_terms as pt', 'pt.term_id', 't.term_id')
    .innerJoin('people as p', 'p.id', 'pt.person_id')
    .select(['t.term_id', 't.term_name', 'p.home_site_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.attribute_name', '=', 'Company')
    .groupBy(['t.term_id', 't.term_name', 'p.home_site_id'])
    .orderBy('t.term_id')
    .orderBy('n', 'desc')
    .execute();
  const homeOf = new Map<number, { name: string; siteId: number }>();
  for (const row of terms)
    if (!homeOf.has(Number(row.term_id)) && row.home_site_id !== null)
      homeOf.set(Number(row.term_id), { name: row.term_name, siteId: Number(row.home_site_id) });
  const linked = new Set((await db.selectFrom('companies').select('term_id').execute()).map((c) => Number(c.term_id)));
  const doors = await spintly.allDoors();
  const today = dayOf(Date.now(), timeZone);
  let first = true;
  for (const [termId, { name, siteId }] of homeOf) {
    if (linked.has(termId)) continue;
    await createCompany(db, {
      name,
      termId,
      termName: name,
      validFrom: addDays(today, -90),
      validUntil: addDays(today, first ? 20 : 365),
      siteIds: [siteId],
      doorIds: doors
        .filter((d) => d.siteId === siteId)
        .slice(0, 2)
        .map((d) => d.id),
      contactName: `${name} office manager`,
    });
    first = false;
  }
  const companyAtSiteOne = await db
    .selectFrom('companies')
    .innerJoin('company_sites', 'company_sites.company_id', 'companies.id')
    .select(['companies.id', 'companies.name'])
    .where('company_sites.site_id', '=', 1)
    .orderBy('companies.term_id')
    .executeTakeFirst();
  if (!companyAtSiteOne) return null;
  await operatorStore(db).upsertWithPassword({
    email: DEMO_COMPANY_ADMIN,
    name: 'Chitra Companyadmin',
    role: 'company_admin',
    siteIds: [],
    companyIds: [Number(companyAtSiteOne.id)],
    password: DEMO_PASSWORD,
  });
  return { email: DEMO_COMPANY_ADMIN, password: DEMO_PASSWORD, company: companyAtSiteOne.name };
}
