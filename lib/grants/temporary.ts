import 'server-only';
import type { Kysely } from 'kysely';
import { personDoors } from '../core/holders';
import type { Database } from '../db/schema';
import type { SpintlyClient } from '../spintly/client';
import { givesAt } from './sources';
import { addGrants, openGrantsOf, type Granter } from './store';

/**
 * Gives one person doors until an end (or, with a later start, schedules them). Doors the person already holds in
 * Spintly without a record of why are first recorded as a permanent direct grant "from Spintly" — so this grant's end
 * takes away only what it gave. Doors already held are not sent again.
 */
export async function grantTemporaryAccess(
  db: Kysely<Database>,
  client: Pick<SpintlyClient, 'userPermissions' | 'changeUserDoors'>,
  by: Granter,
  grant: { personId: number; doorIds: readonly number[]; startsAt: string | null; endsAt: string; reason: string },
  now = new Date(),
) {
  const { willHold } = personDoors(await client.userPermissions(grant.personId));
  const open = await openGrantsOf(db, grant.personId, grant.doorIds);
  const nowIso = now.toISOString();
  const unexplained = grant.doorIds.filter(
    (doorId) => willHold.has(doorId) && !open.some((g) => g.doorId === doorId && givesAt(g, nowIso)),
  );
  await addGrants(
    db,
    { id: null, name: 'Spintly' },
    unexplained.map((doorId) => ({
      personId: grant.personId,
      doorId,
      source: 'direct' as const,
      started: true,
      reason: 'Held before the portal recorded where it came from',
    })),
    now,
  );
  const startsNow = grant.startsAt === null || grant.startsAt <= nowIso;
  const toSend = startsNow ? grant.doorIds.filter((doorId) => !willHold.has(doorId)) : [];
  if (toSend.length > 0) await client.changeUserDoors(grant.personId, { permissionsToAdd: toSend });
  await addGrants(
    db,
    by,
    grant.doorIds.map((doorId) => ({
      personId: grant.personId,
      doorId,
      source: 'direct' as const,
      startsAt: grant.startsAt,
      endsAt: grant.endsAt,
      reason: grant.reason,
      started: startsNow,
    })),
    now,
  );
  return { scheduled: !startsNow, sent: toSend.length };
}
