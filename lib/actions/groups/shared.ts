import 'server-only';
import type { Kysely } from 'kysely';
import { Refusal } from '../../core/refusal';
import type { Database } from '../../db/schema';
import type { TargetPart } from '../../audit/sentence';
import type { ScopeTarget } from '../../auth/scope';
import { getGroup, getMembership, groupNamed, type AccessGroup, type GroupDoor } from '../../groups/store';
import type { SpintlyClient } from '../../spintly/client';

/** The group an action names, or the same refusal as an id out of scope (the scope check has passed by now). */
export async function groupOrRefuse(db: Kysely<Database>, id: number): Promise<AccessGroup> {
  const group = await getGroup(db, id);
  if (!group) throw new Refusal('This access group no longer exists.', { reason: 'not_found' });
  return group;
}

/** Refuses a name another group has (names are unique, case aside). */
export async function refuseTakenName(db: Kysely<Database>, name: string, exceptId?: number) {
  if ((await groupNamed(db, name, exceptId)) !== null)
    throw new Refusal('Another access group has this name. Choose another.', { field: 'name' });
}

/** The chosen doors with their sites (each was scope-checked against the same cached list). */
export async function doorsWithSites(client: SpintlyClient, doorIds: readonly number[]): Promise<GroupDoor[]> {
  const siteOf = new Map((await client.allDoors()).map((d) => [d.id, d.siteId]));
  return doorIds.map((doorId) => {
    const siteId = siteOf.get(doorId);
    if (siteId === undefined) throw new Refusal('One of these doors no longer exists.', { reason: 'not_found' });
    return { doorId, siteId };
  });
}

export const peopleCount = (n: number) => `${n.toLocaleString('en-IN')} ${n === 1 ? 'person' : 'people'}`;

/** What an action on one membership names: the group and the member (person or company), for the scope check. */
export const membershipTargets = (
  input: { groupId: number; personId?: number | undefined; companyId?: number | undefined },
  part?: TargetPart,
): ScopeTarget[] => [
  { type: 'group', id: input.groupId },
  input.personId !== undefined
    ? { type: 'person', id: input.personId, ...(part && { part }) }
    : { type: 'company', id: input.companyId!, ...(part && { part }) },
];

/**
 * The membership an action names, still open and of that group and that member (the one scope-checked): a crafted
 * pair learns nothing.
 */
export async function membershipOrRefuse(
  db: Kysely<Database>,
  group: AccessGroup,
  input: { membershipId: string; personId?: number | undefined; companyId?: number | undefined },
) {
  const membership = await getMembership(db, input.membershipId);
  if (
    !membership ||
    membership.groupId !== group.id ||
    membership.removedAt !== null ||
    membership.personId !== (input.personId ?? null) ||
    membership.companyId !== (input.companyId ?? null)
  )
    throw new Refusal('This member has already left the group.', { reason: 'not_found' });
  return membership;
}
