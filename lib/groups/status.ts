import 'server-only';
import type { Kysely } from 'kysely';
import { doorHolders } from '../core/holders';
import type { Database } from '../db/schema';
import type { SpintlyClient } from '../spintly/client';
import { memberStates, type DoorHolding, type Reach } from './state';
import { failuresOf, leftoverGrants, openMemberships, peopleOf, type AccessGroup } from './store';

/**
 * Where a group stands: its memberships, the people they reach now, and each one's state per door — the portal's
 * records against one Spintly read per door (in parallel). A door Spintly did not answer for is left out of
 * `holding` and named in `unread` (its members read as missing for it only when it was read). `leftovers` are what a
 * removal should have taken back and has not.
 */
export async function groupStatus(
  db: Kysely<Database>,
  client: Pick<SpintlyClient, 'doorHolderIds'>,
  group: AccessGroup,
  { tolerateUnread = false } = {},
) {
  const [memberships, failures, leftovers, answers] = await Promise.all([
    openMemberships(db, group.id),
    failuresOf(db, group.id),
    leftoverGrants(db, group),
    Promise.all(
      group.doors.map((d) =>
        client.doorHolderIds(d.doorId).then(doorHolders, (error: unknown) => {
          if (!tolerateUnread) throw error;
          return null;
        }),
      ),
    ),
  ]);
  const reach = new Map<number, Reach[]>();
  for (const membership of memberships)
    for (const personId of await peopleOf(db, membership))
      reach.set(personId, [...(reach.get(personId) ?? []), membership]);
  const holding = new Map<number, DoorHolding>();
  group.doors.forEach((d, i) => {
    const answer = answers[i];
    if (answer) holding.set(d.doorId, { assigned: new Set(answer.holders.map((h) => h.id)), coming: answer.willHold });
  });
  const readDoors = group.doors.filter((d) => holding.has(d.doorId)).map((d) => d.doorId);
  const rows = memberStates({
    doorIds: readDoors,
    reach,
    holding,
    failures: new Map([...failures].map(([id, f]) => [id, f.message])),
    now: new Date().toISOString(),
  });
  return {
    memberships,
    rows,
    leftovers,
    unread: group.doors.filter((d) => !holding.has(d.doorId)).map((d) => d.doorId),
  };
}
