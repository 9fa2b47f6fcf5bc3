import 'server-only';
import type { Kysely } from 'kysely';
import type { ScopeTarget } from '../auth/scope';
import type { Database } from '../db/schema';
import { directoryDb } from '../directory';
import type { AuditTarget } from './sentence';

/**
 * Targets as the audit log keeps them: type, id, part and name. Names the scope check already read (doors, sites,
 * people at a site admin's sites) come in `known`; people and operators it did not read are looked up locally (the
 * people directory, the operators table), so naming never sends anything to Spintly.
 */
export async function nameTargets(
  db: Kysely<Database>,
  targets: readonly ScopeTarget[],
  known: ReadonlyMap<string, string> = new Map(),
): Promise<AuditTarget[]> {
  const missing = (type: ScopeTarget['type']) =>
    targets.filter((t) => t.type === type && !known.has(`${type}:${t.id}`)).map((t) => t.id);
  const names = new Map(known);
  const people = missing('person') as number[];
  const operators = missing('operator') as string[];
  const companies = missing('company') as number[];
  const groups = missing('group') as number[];
  await Promise.all([
    people.length > 0 &&
      directoryDb().then(async ({ db: directory }) => {
        for (const row of await directory
          .selectFrom('people')
          .select(['id', 'name'])
          .where('id', 'in', people)
          .execute())
          names.set(`person:${row.id}`, row.name);
      }),
    operators.length > 0 &&
      db
        .selectFrom('operators')
        .select(['id', 'name'])
        .where('id', 'in', operators)
        .execute()
        .then((rows) => rows.forEach((row) => names.set(`operator:${row.id}`, row.name))),
    companies.length > 0 &&
      db
        .selectFrom('companies')
        .select(['id', 'name'])
        .where('id', 'in', companies)
        .execute()
        .then((rows) => rows.forEach((row) => names.set(`company:${row.id}`, row.name))),
    groups.length > 0 &&
      db
        .selectFrom('access_groups')
        .select(['id', 'name'])
        .where('id', 'in', groups)
        .execute()
        .then((rows) => rows.forEach((row) => names.set(`group:${row.id}`, row.name))),
  ]);
  return targets.map((t) => ({
    type: t.type,
    id: t.id,
    ...(names.has(`${t.type}:${t.id}`) && { name: names.get(`${t.type}:${t.id}`) }),
    ...(t.part && { part: t.part }),
  }));
}
