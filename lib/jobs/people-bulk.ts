import 'server-only';
import { z } from 'zod';
import { personInScope } from '../auth/permissions';
import { refreshPeople } from '../directory';
import { spintly } from '../spintly';
import { defineJobKind } from './kind';
import { offboardInput, offboardPerson } from './offboard';
import { forgetOffboarded } from './offboarded';
import type { ItemResult } from './runner';
import { Refusal } from '../core/refusal';

export const BULK_ACTIONS = ['activate', 'deactivate', 'offboard', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_WORDS: Record<BulkAction, { verb: string; done: string }> = {
  activate: { verb: 'Activate', done: 'activated' },
  deactivate: { verb: 'Deactivate', done: 'deactivated' },
  offboard: { verb: 'Offboard', done: 'offboarded' },
  delete: { verb: 'Delete', done: 'deleted' },
};

export const bulkInput = offboardInput.extend({ action: z.enum(BULK_ACTIONS) });
export type BulkInput = z.output<typeof bulkInput>;

/**
 * One person of a bulk change over "everyone matching this filter": activate, deactivate, offboard or delete. Reads
 * the person first, so a person already in that state is "unchanged" and a resumed item is never done twice.
 */
export const peopleBulkKind = defineJobKind({
  name: 'people.bulk',
  input: bulkInput,
  audit: 'people.bulk',
  async process({ action, personId, name }, ctx): Promise<ItemResult> {
    if (action === 'offboard') return offboardPerson({ personId, name }, ctx);
    const client = spintly();
    const user = await client.getUser(personId);
    if (!user) {
      if (action === 'delete') return { status: 'unchanged', outcome: 'unchanged', personId, message: 'Already gone.' };
      throw new Refusal('Spintly has no such person any more.', { reason: 'not_found' });
    }
    if (!personInScope(ctx.operator, { homeSiteId: user.homeSiteId }))
      throw new Refusal('This person is outside your sites.', { reason: 'scope' });
    const about = { personId, personName: user.name, siteId: user.homeSiteId };
    const active = user.deactivatedOn === null;
    if ((action === 'activate' && active) || (action === 'deactivate' && !active))
      return { status: 'unchanged', outcome: 'unchanged', ...about, message: `Already ${action}d.` };
    if (action === 'activate') {
      await client.activateUsers([personId]);
      await forgetOffboarded(ctx.db, [personId]);
    }
    if (action === 'deactivate') await client.deactivateUsers([personId]);
    if (action === 'delete') await client.deleteUsers([personId]);
    await refreshPeople([personId]);
    return { status: 'done', outcome: BULK_WORDS[action].done, ...about };
  },
});
