import 'server-only';
import type { Kysely } from 'kysely';
import { Refusal } from '../core/refusal';
import type { Database } from '../db/schema';
import type { SpintlyClient } from '../spintly/client';
import type { CompanyInput } from '../validation/companies';
import { clashOf, type CompanyWrite } from './store';

/**
 * A company form's input checked against what the portal and Spintly know, before anything is written: the name and
 * the Spintly term are each one company's; every envelope door is at one of the company's sites; the term is one the
 * directory has seen. Returns what the store writes.
 */
export async function companyWrite(
  database: Kysely<Database>,
  client: Pick<SpintlyClient, 'allDoors'>,
  input: CompanyInput,
  exceptId?: number,
): Promise<CompanyWrite> {
  const clash = await clashOf(database, input, exceptId);
  if (clash === 'name') throw new Refusal('Another company has this name.', { field: 'name' });
  if (clash === 'term') throw new Refusal('Another company is linked to this Spintly value.', { field: 'termId' });
  const doorSites = new Map((await client.allDoors()).map((d) => [d.id, d.siteId]));
  const outside = input.doorIds.filter((id) => {
    const siteId = doorSites.get(id);
    return siteId === undefined || !input.siteIds.includes(siteId);
  });
  if (outside.length > 0)
    throw new Refusal('Choose doors at the company’s own sites only.', { field: 'doorIds', reason: 'validation' });
  let termName: string | null = null;
  if (input.termId) {
    const term = await database
      .selectFrom('directory_terms')
      .select('term_name')
      .where('term_id', '=', input.termId)
      .executeTakeFirst();
    if (!term)
      throw new Refusal('No one in Spintly holds that value yet; choose one from the list.', {
        field: 'termId',
        reason: 'validation',
      });
    termName = term.term_name;
  }
  return { ...input, termName };
}
