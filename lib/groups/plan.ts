import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { GroupItem } from './apply';
import { holdersFromMemberships, peopleOf, type AccessGroup, type Membership } from './store';

/**
 * What a group change means person by person — the items of its job. Giving follows the memberships as they reach
 * people now (a company's current members); taking follows the grants ledger (whoever holds what the membership gave,
 * even someone who has since left the company).
 */
class ItemsByPerson {
  private readonly items = new Map<
    number,
    GroupItem & { give: NonNullable<GroupItem['give']>; take: NonNullable<GroupItem['take']> }
  >();
  constructor(private readonly groupId: number) {}

  private of(personId: number) {
    let item = this.items.get(personId);
    if (!item) {
      item = { groupId: this.groupId, personId, give: [], take: [] };
      this.items.set(personId, item);
    }
    return item;
  }

  give(personId: number, membership: Membership, doorIds: readonly number[]) {
    if (doorIds.length > 0)
      this.of(personId).give.push({
        membershipId: membership.id,
        doorIds: [...doorIds],
        startsAt: membership.startsAt,
        endsAt: membership.endsAt,
      });
  }

  take(personId: number, membershipId: string, doorIds: readonly number[]) {
    const item = this.of(personId);
    const part = item.take.find((t) => t.membershipId === membershipId);
    if (part) part.doorIds.push(...doorIds);
    else item.take.push({ membershipId, doorIds: [...doorIds] });
  }

  list(): GroupItem[] {
    return [...this.items.values()].sort((a, b) => a.personId - b.personId);
  }
}

async function giveAll(
  db: Kysely<Database>,
  plan: ItemsByPerson,
  memberships: readonly Membership[],
  doorIds: readonly number[],
  only?: ReadonlySet<number>,
) {
  for (const membership of memberships)
    for (const personId of await peopleOf(db, membership))
      if (!only || only.has(personId)) plan.give(personId, membership, doorIds);
}

async function takeAll(
  db: Kysely<Database>,
  plan: ItemsByPerson,
  membershipIds: readonly string[],
  doorIds?: readonly number[],
) {
  for (const [personId, held] of await holdersFromMemberships(db, membershipIds, doorIds))
    for (const { membershipId, doorId } of held) plan.take(personId, membershipId, [doorId]);
}

const doorIdsOf = (group: AccessGroup) => group.doors.map((d) => d.doorId);

/** New memberships: each reached person gets the group's doors (from the membership's start, until its end). */
export async function planNewMembers(db: Kysely<Database>, group: AccessGroup, added: readonly Membership[]) {
  const plan = new ItemsByPerson(group.id);
  await giveAll(db, plan, added, doorIdsOf(group));
  return plan.list();
}

/** Doors added to and removed from a group: every membership's people get the added, lose the removed. */
export async function planDoorChange(
  db: Kysely<Database>,
  group: AccessGroup,
  memberships: readonly Membership[],
  change: { added: readonly number[]; removed: readonly number[] },
) {
  const plan = new ItemsByPerson(group.id);
  await giveAll(db, plan, memberships, change.added);
  await takeAll(
    db,
    plan,
    memberships.map((m) => m.id),
    change.removed,
  );
  return plan.list();
}

/** A membership removed: what it gave goes, unless another source still gives it. */
export async function planRemoval(db: Kysely<Database>, group: AccessGroup, membership: Membership) {
  const plan = new ItemsByPerson(group.id);
  await takeAll(db, plan, [membership.id]);
  return plan.list();
}

/**
 * Repair: the group's doors again for these people (the apply sends only what Spintly lacks), and what it should
 * have taken back and has not (`leftovers`: a removal Spintly refused) taken again.
 */
export async function planRepair(
  db: Kysely<Database>,
  group: AccessGroup,
  memberships: readonly Membership[],
  people: ReadonlySet<number>,
  leftovers: ReadonlyMap<number, readonly { membershipId: string; doorId: number }[]> = new Map(),
) {
  const plan = new ItemsByPerson(group.id);
  await giveAll(db, plan, memberships, doorIdsOf(group), people);
  for (const [personId, held] of leftovers)
    for (const { membershipId, doorId } of held) plan.take(personId, membershipId, [doorId]);
  return plan.list();
}
