import 'server-only';
import type { Kysely } from 'kysely';
import { doorHolders, isPendingGrant } from '../core/holders';
import { pool } from '../core/pool';
import type { Database } from '../db/schema';
import { openGrantsOfDoor } from '../grants/store';
import type { SpintlyClient } from '../spintly/client';
import type { ReviewItemDraft } from './store';

/** Doors read from Spintly at once while a campaign starts. */
const DOOR_READS = 4;
const CHUNK = 500;

export interface ReviewDoor {
  id: number;
  name: string;
  siteId: number;
}

/**
 * What a campaign freezes when it starts: for each door, everyone Spintly says can open it (or will, once the reader
 * syncs), with where it came from (the portal's grants; "spintly" when the portal has no record of why), since when,
 * the person's last granted entry at that door (the event store) and whether they are active. `onlyPeople` narrows
 * to a company's members.
 */
export async function snapshotItems(
  db: Kysely<Database>,
  client: Pick<SpintlyClient, 'doorUsers'>,
  doors: readonly ReviewDoor[],
  onlyPeople: ReadonlySet<number> | null,
): Promise<ReviewItemDraft[]> {
  const items: ReviewItemDraft[] = [];
  await pool(doors, DOOR_READS, async (door) => {
    const answer = doorHolders(await client.doorUsers(door.id));
    const people = new Map<number, string>();
    for (const p of [...answer.holders, ...answer.pending.filter(isPendingGrant)])
      if (!onlyPeople || onlyPeople.has(p.id)) people.set(p.id, p.name);
    if (people.size === 0) return;
    const ids = [...people.keys()];
    const [grants, lastEntries] = await Promise.all([
      openGrantsOfDoor(db, door.id, ids),
      lastEntriesAt(db, door.id, ids),
    ]);
    for (const [personId, personName] of people) {
      const own = grants.filter((g) => g.personId === personId);
      const since = own.map((g) => g.startedAt ?? g.createdAt).sort()[0] ?? null;
      items.push({
        personId,
        personName,
        personActive: true,
        doorId: door.id,
        doorName: door.name,
        siteId: door.siteId,
        source: own.length > 0 ? [...new Set(own.map((g) => g.source))].sort().join(',') : 'spintly',
        since,
        lastEntryS: lastEntries.get(personId) ?? null,
      });
    }
  });
  const inactive = await inactivePeople(db, [...new Set(items.map((i) => i.personId))]);
  for (const item of items) item.personActive = !inactive.has(item.personId);
  return items.sort((a, b) => a.personName.localeCompare(b.personName) || a.doorName.localeCompare(b.doorName));
}

/** Each person's last granted entry at a door, epoch seconds (one grouped read per chunk of people). */
async function lastEntriesAt(db: Kysely<Database>, doorId: number, personIds: readonly number[]) {
  const out = new Map<number, number>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('access_events')
      .select(['person_id', (eb) => eb.fn.max('occurred_at').as('last')])
      .where('door_id', '=', doorId)
      .where('result', '=', 'granted')
      .where('person_id', 'in', personIds.slice(i, i + CHUNK))
      .groupBy('person_id')
      .execute();
    for (const row of rows) if (row.person_id !== null) out.set(Number(row.person_id), Number(row.last));
  }
  return out;
}

/** People the directory knows as deactivated. */
async function inactivePeople(db: Kysely<Database>, personIds: readonly number[]) {
  const out = new Set<number>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('people')
      .select('id')
      .where('id', 'in', personIds.slice(i, i + CHUNK))
      .where('active', '=', 0)
      .execute();
    for (const row of rows) out.add(Number(row.id));
  }
  return out;
}
