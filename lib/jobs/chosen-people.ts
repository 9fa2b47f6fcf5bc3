import 'server-only';
import { directoryDb } from '../directory';
import { nameFor } from '../core/names';

/**
 * People chosen by id, named from the people directory for a job's items and title. A name is kept with each item so
 * the job still reads "Ravi Kumar" if the person is gone by the time it runs.
 */
export async function chosenPeople(ids: readonly number[]) {
  const { db } = await directoryDb();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  const names = new Map(rows.map((p) => [Number(p.id), p.name]));
  return {
    nameOf: (id: number) => nameFor(names, 'person', id),
    /** "Ravi Kumar" for one person, "12 people" for more. */
    summary: ids.length === 1 ? (names.get(ids[0]!) ?? '1 person') : `${ids.length} people`,
  };
}
