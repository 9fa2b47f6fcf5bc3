import 'server-only';
import { portalEnv } from '../env';
import { personInScope, type ScopedOperator } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { directoryDb } from '../directory';
import { toDirectoryPerson } from '../directory/store';
import { singleParam } from '../validation/params';
import { allSiteOptions } from './sites';
import { nameOrNone, namesById } from '../core/names';

/** `?ids=1,2,3`: at most 500 distinct positive ids; anything else is dropped. */
export function parseIds(value: string | undefined): number[] {
  const ids = (value ?? '').split(',').map(Number);
  return [...new Set(ids.filter((n) => Number.isInteger(n) && n > 0))].slice(0, 500);
}

/** The people an offboarding is about, as the operator may see them (others are counted, not named). */
export async function offboardPage(params: Record<string, string | string[] | undefined>) {
  const operator = await verifySession({ capability: 'people:manage' });
  const ids = parseIds(singleParam(params.ids));
  // From a list: how many entries matched nobody at the operator's sites (counted by the finding action).
  const unmatched = Math.max(0, Math.min(500, Number(singleParam(params.unmatched)) || 0));
  const deleteAfterDays = portalEnv().offboardDeleteAfterDays;
  const { people, missing } = await selectedPeople(operator, ids);
  return { operator, people, missing, unmatched, deleteAfterDays };
}

/**
 * People chosen by id (a selection on /users), as the operator may see them: those outside their sites, or gone, are
 * counted (`missing`), not named.
 */
export async function selectedPeople(operator: ScopedOperator, ids: readonly number[]) {
  if (ids.length === 0) return { people: [], missing: 0 };
  const { db } = await directoryDb();
  const [rows, sites] = await Promise.all([
    db
      .selectFrom('people')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute(),
    allSiteOptions().catch(() => []),
  ]);
  const names = namesById(sites);
  const people = rows
    .map(toDirectoryPerson)
    .filter((p) => personInScope(operator, { homeSiteId: p.home_site_id }))
    .map((p) => ({
      id: p.id,
      name: p.name,
      card: p.card,
      homeSiteName: nameOrNone(names, 'site', p.home_site_id),
    }));
  return { people, missing: ids.length - people.length };
}
