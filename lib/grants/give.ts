import 'server-only';
import type { Kysely } from 'kysely';
import { personDoors, takeAway } from '../core/holders';
import type { Database } from '../db/schema';
import type { SpintlyClient } from '../spintly/client';
import { givesAt, takeAwayWhenEnding, type GrantSource } from './sources';
import { addGrants, endGrants, openGrantsOf, type Grant, type Granter } from './store';

type Client = Pick<SpintlyClient, 'userPermissions' | 'changeUserDoors'>;

export interface Giving {
  personId: number;
  doorIds: readonly number[];
  source: GrantSource;
  /** The membership, company or visit; null for a direct grant. */
  sourceId?: string | null;
  startsAt: string | null;
  endsAt: string | null;
  reason?: string | null;
}

/**
 * Gives one person doors from one source (or schedules them when the start is later). Doors the person already holds
 * in Spintly with no record of why are first recorded as a permanent direct grant "from Spintly", so this source's
 * end takes away only what it gave. Doors already held are not sent again. A source with an id (a group membership)
 * is recorded once per door: applying it again (a repair) re-sends what Spintly lost without a second record.
 */
export async function giveFromSource(
  db: Kysely<Database>,
  client: Client,
  by: Granter,
  giving: Giving,
  now = new Date(),
): Promise<{ scheduled: boolean; sent: number }> {
  const { willHold } = personDoors(await client.userPermissions(giving.personId));
  const open = await openGrantsOf(db, giving.personId, giving.doorIds);
  const nowIso = now.toISOString();
  const unexplained = giving.doorIds.filter(
    (doorId) => willHold.has(doorId) && !open.some((g) => g.doorId === doorId && givesAt(g, nowIso)),
  );
  await addGrants(
    db,
    { id: null, name: 'Spintly' },
    unexplained.map((doorId) => ({
      personId: giving.personId,
      doorId,
      source: 'direct' as const,
      started: true,
      reason: 'Held before the portal recorded where it came from',
    })),
    now,
  );
  const startsNow = giving.startsAt === null || giving.startsAt <= nowIso;
  const toSend = startsNow ? giving.doorIds.filter((doorId) => !willHold.has(doorId)) : [];
  if (toSend.length > 0) await client.changeUserDoors(giving.personId, { permissionsToAdd: toSend });
  const recorded = giving.sourceId
    ? new Set(open.filter((g) => g.source === giving.source && g.sourceId === giving.sourceId).map((g) => g.doorId))
    : new Set<number>();
  await addGrants(
    db,
    by,
    giving.doorIds
      .filter((doorId) => !recorded.has(doorId))
      .map((doorId) => ({
        personId: giving.personId,
        doorId,
        source: giving.source,
        sourceId: giving.sourceId ?? null,
        startsAt: giving.startsAt,
        endsAt: giving.endsAt,
        reason: giving.reason ?? null,
        started: startsNow,
      })),
    now,
  );
  return { scheduled: !startsNow, sent: toSend.length };
}

/**
 * Ends some of one person's grants (`how`: expired, revoked) and takes each of their doors away in Spintly only when
 * no other open grant still gives it. Spintly first, records after: a failure throws with every grant still open, so
 * nothing is recorded ended that is still held. Returns the doors taken and those kept by another source.
 */
export async function endSourceGrants(
  db: Kysely<Database>,
  client: Client,
  personId: number,
  ending: readonly Grant[],
  how: 'expired' | 'revoked',
  now = new Date(),
): Promise<{ taken: number[]; kept: number[] }> {
  const nowIso = now.toISOString();
  const doors = [...new Set(ending.map((g) => g.doorId))];
  if (doors.length === 0) return { taken: [], kept: [] };
  const open = await openGrantsOf(db, personId, doors);
  const ids = new Set(ending.map((g) => g.id));
  const taken = doors.filter((door) =>
    takeAwayWhenEnding(
      open.filter((g) => g.doorId === door),
      ids,
      nowIso,
    ),
  );
  const patch = taken.length > 0 ? takeAway(await client.userPermissions(personId), taken) : null;
  if (patch) {
    const { count: _count, ...change } = patch;
    await client.changeUserDoors(personId, change);
  }
  await endGrants(db, [...ids], how, now);
  return { taken, kept: doors.filter((door) => !taken.includes(door)) };
}
