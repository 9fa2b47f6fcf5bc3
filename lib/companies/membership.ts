import 'server-only';
import { limitedToCompanies, type ScopedOperator } from '../auth/permissions';
import { Refusal } from '../core/refusal';
import { db } from '../db';
import { companiesOfPeople } from './members';
import { getCompany, type Company } from './store';

/**
 * The company a person form names, checked: a company admin must name one (their people always belong to one of
 * their companies; the scope check has already made sure it is one of theirs). Null when none was named.
 */
export async function chosenCompany(operator: ScopedOperator, companyId: number | undefined): Promise<Company | null> {
  const company = companyId === undefined ? null : await getCompany(await db(), companyId);
  if (companyId !== undefined && !company)
    throw new Refusal('That company no longer exists.', { field: 'companyId', reason: 'not_found' });
  if (!company && limitedToCompanies(operator))
    throw new Refusal('Choose the company this person works for.', { field: 'companyId', reason: 'validation' });
  if (company?.status === 'ended')
    throw new Refusal(`${company.name} has ended: its people have no access.`, { field: 'companyId' });
  return company;
}

/** What Spintly is told: the company's value as the person's `terms`, when the company has one. */
export const termsFor = (company: Company | null) => (company?.termId ? { terms: [company.termId] } : {});

/**
 * The portal's side of membership: a company without a Spintly value keeps its people here; a company with one
 * learns them from the directory, so any portal entry for the person is dropped.
 */
export async function keepMembership(personId: number, company: Company | null) {
  if (!company) return;
  const database = await db();
  await database.deleteFrom('company_members').where('person_id', '=', personId).execute();
  if (!company.termId)
    await database
      .insertInto('company_members')
      .values({ person_id: personId, company_id: company.id, added_at: new Date().toISOString() })
      .execute();
}

/** A person's company with its envelope, or null for someone of no company. */
export async function companyEnvelopeOf(personId: number): Promise<Company | null> {
  const database = await db();
  const companyId = (await companiesOfPeople(database, [personId])).get(personId);
  return companyId === undefined ? null : getCompany(database, companyId);
}
