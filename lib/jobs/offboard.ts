import 'server-only';
import { z } from 'zod';
import { personInScope } from '../auth/permissions';
import { refreshPeople } from '../directory';
import { spintly } from '../spintly';
import { markOffboarded } from './offboarded';
import { defineJobKind } from './kind';
import type { JobOperator } from './operator';
import type { ItemContext, ItemResult } from './runner';
import { Refusal } from '../core/refusal';
import { takeAway } from '../core/holders';
import { endGrantsOfPeople } from '../grants/store';

export const offboardInput = z.object({
  personId: z.number().int().positive(),
  /** The name when the job was started, for the job's list if the person is gone by the time it runs. */
  name: z.string(),
});
export type OffboardInput = z.output<typeof offboardInput>;

/**
 * Offboards one person: takes back their card, removes every door (pending grants cancelled too), deactivates them.
 * Each step reads first and does only what is left, so running it again (a resumed job, a second offboarding) changes
 * nothing and says "unchanged".
 */
export const offboardKind = defineJobKind({
  name: 'offboard',
  input: offboardInput,
  audit: 'people.offboard',
  process: offboardPerson,
});

export async function offboardPerson(
  { personId }: OffboardInput,
  { db, operator }: ItemContext<JobOperator>,
): Promise<ItemResult> {
  const client = spintly();
  const user = await client.getUser(personId);
  if (!user) throw new Refusal('Spintly has no such person any more.', { reason: 'not_found' });
  if (!personInScope(operator, { homeSiteId: user.homeSiteId }))
    throw new Refusal('This person is outside your sites.', { reason: 'scope' });
  const about = { personName: user.name, siteId: user.homeSiteId };
  const done: string[] = [];
  if (user.credentialId) {
    await client.unassignCard(user.id);
    done.push(`card ${user.credentialId} taken back`);
  }
  const doors = takeAway(await client.userPermissions(user.id));
  if (doors) {
    const { count: n, ...patch } = doors;
    await client.changeUserDoors(user.id, patch);
    done.push(`${n} door${n === 1 ? '' : 's'} removed`);
  }
  if (user.deactivatedOn === null) {
    await client.deactivateUsers([user.id]);
    done.push('deactivated');
  }
  await endGrantsOfPeople(db, [user.id]);
  await markOffboarded(db, {
    personId: user.id,
    name: user.name,
    siteId: user.homeSiteId,
    operatorId: operator.id,
    again: done.length > 0,
  });
  if (done.length === 0)
    return { status: 'unchanged', outcome: 'unchanged', personId: user.id, ...about, message: 'Already offboarded.' };
  await refreshPeople([user.id]);
  const message = done.join(', ');
  return {
    status: 'done',
    outcome: 'offboarded',
    personId: user.id,
    ...about,
    message: `${message[0]!.toUpperCase()}${message.slice(1)}.`,
  };
}
