import 'server-only';
import { z } from 'zod';
import { nameTargets } from '../audit/names';
import { checkScope } from '../auth/scope';
import { takeAway } from '../core/holders';
import { Refusal } from '../core/refusal';
import { refreshPeople } from '../directory';
import { endSourceGrants } from '../grants/give';
import { openGrantsOf } from '../grants/store';
import { defineJobKind } from '../jobs/kind';
import { spintly } from '../spintly';
import { getItem, markApplied } from './store';

/** The job kind that applies a review's revocations, one (person, door) per item (an interface: stored jobs name it). */
export const REVIEW_REVOKE_JOB = 'reviews.revoke';

export const reviewRevokeInput = z.object({
  reviewId: z.string(),
  itemId: z.number().int().positive(),
  personId: z.number().int().positive(),
  doorId: z.number().int().positive(),
});

/**
 * Takes a door a review revoked: every open grant of that door for that person ends (whatever gave it: a direct grant,
 * a group, a visit — the reviewer decided the person should not open it), and the door is taken away in Spintly. A door
 * held with no record of why is taken away all the same. The item keeps what happened, for the evidence. A group
 * that gave the door shows it as drift afterwards; removing the person from the group is what keeps it away for good.
 */
export const reviewRevokeKind = defineJobKind({
  name: REVIEW_REVOKE_JOB,
  input: reviewRevokeInput,
  audit: 'reviews.revoke',
  async about(item, _result, { db }) {
    const stored = await getItem(db, item.itemId);
    // The names the review froze: the person may be gone from the directory by now.
    const targets = stored
      ? [
          { type: 'person' as const, id: item.personId, name: stored.personName },
          { type: 'door' as const, id: item.doorId, name: stored.doorName },
        ]
      : await nameTargets(db, [
          { type: 'person', id: item.personId },
          { type: 'door', id: item.doorId },
        ]);
    return { targets, siteId: stored?.siteId ?? null };
  },
  async process(item, { db, operator }) {
    const stored = await getItem(db, item.itemId);
    if (!stored || stored.reviewId !== item.reviewId || stored.decision !== 'revoke')
      throw new Refusal('This item is no longer to be revoked.');
    if (stored.appliedAt) return { status: 'unchanged', outcome: 'unchanged', message: 'Already applied.' };
    const client = spintly();
    const scope = await checkScope(operator, [{ type: 'door', id: item.doorId }], client);
    if (!scope.ok) throw new Refusal('This door is outside your sites now.', { reason: 'scope' });

    const grants = await openGrantsOf(db, item.personId, [item.doorId]);
    let taken: boolean;
    if (grants.length > 0) {
      taken = (await endSourceGrants(db, client, item.personId, grants, 'revoked')).taken.length > 0;
    } else {
      const patch = takeAway(await client.userPermissions(item.personId), [item.doorId]);
      if (patch) {
        const { count: _count, ...change } = patch;
        await client.changeUserDoors(item.personId, change);
      }
      taken = patch !== null;
    }
    const outcome = taken ? 'Door taken away' : 'Already gone';
    await markApplied(db, item.itemId, outcome);
    if (taken) await refreshPeople([item.personId]).catch(() => undefined);
    return {
      status: taken ? 'done' : 'unchanged',
      outcome: taken ? 'revoked' : 'unchanged',
      message: outcome,
      personId: item.personId,
      personName: stored.personName,
      siteId: stored.siteId,
    };
  },
});
