import 'server-only';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nameTargets } from '../audit/names';
import { checkScope, type ScopeTarget } from '../auth/scope';
import { explainError, Refusal } from '../core/refusal';
import type { Database } from '../db/schema';
import { refreshPeople } from '../directory';
import { endSourceGrants, giveFromSource } from '../grants/give';
import { openGrantsOf } from '../grants/store';
import { defineJobKind } from '../jobs/kind';
import type { JobOperator } from '../jobs/operator';
import type { ItemResult } from '../jobs/runner';
import { startJob } from '../jobs/start';
import { spintly } from '../spintly';
import { doorsOfGroups, noteFailure } from './store';

/** The job kind that applies a group's changes, one person per item (an interface: stored jobs name it). */
export const GROUP_APPLY_JOB = 'groups.apply';

const doorIds = z.array(z.number().int().positive());

/**
 * One person's share of a group change: what their memberships now give (with the membership's window) and what a
 * membership no longer gives (a membership removed, a door taken out of the group).
 */
export const groupItemInput = z.object({
  groupId: z.number().int().positive(),
  personId: z.number().int().positive(),
  give: z
    .array(
      z.object({
        membershipId: z.string(),
        doorIds,
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
      }),
    )
    .default([]),
  take: z.array(z.object({ membershipId: z.string(), doorIds })).default([]),
});
export type GroupItem = z.input<typeof groupItemInput>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Gives and takes one person's group doors. Taking ends the membership's grants and takes a door away in Spintly only
 * when no other source (a direct grant, another group) still gives it; giving records a grant per door and sends
 * what Spintly does not have yet. Both converge, so a resumed or repeated item (Repair) sends only what is missing.
 * A refusal is kept for the group page until a later apply for that person succeeds.
 */
export const groupApplyKind = defineJobKind({
  name: GROUP_APPLY_JOB,
  input: groupItemInput,
  audit: 'groups.apply',
  async about(item, _result, { db }) {
    const doors = (await doorsOfGroups(db, [item.groupId])).get(item.groupId) ?? [];
    const targets = await nameTargets(db, [
      { type: 'person', id: item.personId },
      { type: 'group', id: item.groupId },
    ]);
    return { targets, siteId: doors.length > 0 ? Math.min(...doors.map((d) => d.siteId)) : null };
  },
  async process(item, { db, operator }): Promise<ItemResult> {
    try {
      const result = await applyToPerson(db, operator, item);
      await noteFailure(db, item.groupId, item.personId, null);
      return result;
    } catch (error) {
      await noteFailure(db, item.groupId, item.personId, explainError(error)?.message ?? 'Not applied.');
      throw error;
    }
  },
});

async function applyToPerson(
  db: Kysely<Database>,
  operator: JobOperator,
  item: z.output<typeof groupItemInput>,
): Promise<ItemResult> {
  const client = spintly();
  const everyDoor = [...new Set([...item.give, ...item.take].flatMap((part) => part.doorIds))];
  const targets: ScopeTarget[] = [
    { type: 'person', id: item.personId },
    ...everyDoor.map((id) => ({ type: 'door' as const, id })),
  ];
  const scope = await checkScope(operator, targets, client);
  if (!scope.ok) throw new Refusal('This person or one of these doors is outside your sites now.', { reason: 'scope' });

  const now = new Date();
  let taken = 0;
  let kept = 0;
  for (const part of item.take) {
    const ending = (await openGrantsOf(db, item.personId, part.doorIds)).filter(
      (g) => g.source === 'group' && g.sourceId === part.membershipId,
    );
    const result = await endSourceGrants(db, client, item.personId, ending, 'revoked', now);
    taken += result.taken.length;
    kept += result.kept.length;
  }
  let sent = 0;
  let scheduled = false;
  for (const part of item.give) {
    if (part.doorIds.length === 0) continue;
    const result = await giveFromSource(
      db,
      client,
      operator,
      {
        personId: item.personId,
        doorIds: part.doorIds,
        source: 'group',
        sourceId: part.membershipId,
        startsAt: part.startsAt,
        endsAt: part.endsAt,
      },
      now,
    );
    sent += result.sent;
    scheduled ||= result.scheduled;
  }
  if (taken + sent > 0) await refreshPeople([item.personId]).catch(() => undefined);
  const said = [
    sent > 0 && `gave ${count(sent, 'door', 'doors')}`,
    scheduled && 'scheduled the group’s doors',
    taken > 0 && `took away ${count(taken, 'door', 'doors')}`,
    kept > 0 && `${count(kept, 'door stays', 'doors stay')} (given another way)`,
  ].filter(Boolean);
  return {
    status: said.length === 0 ? 'unchanged' : 'done',
    outcome: taken > 0 ? 'taken' : sent > 0 ? 'given' : scheduled ? 'scheduled' : kept > 0 ? 'kept' : 'unchanged',
    message: said.length === 0 ? 'Already as the group says.' : `${capitalise(said.join(', '))}.`,
    personId: item.personId,
    siteId: scope.siteId,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Starts a group job (one item per person) and asks the worker to run it; null when there is nothing to do. */
export async function startGroupJob(
  db: Kysely<Database>,
  operator: { id: string },
  title: string,
  items: readonly GroupItem[],
): Promise<string | null> {
  if (items.length === 0) return null;
  return startJob(db, {
    kind: GROUP_APPLY_JOB,
    title,
    createdBy: operator.id,
    requestedBy: operator.id,
    items: items.map((input) => ({ input, personId: input.personId })),
  });
}
