'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { registerVisit } from '../../visitors/service';
import { visitorNotice } from '../../visitors/notice';
import { portalEnv } from '../../env';
import { registerVisitorSchema } from '../../validation/visitors';
import { defineAction } from '../safe-action';
import { Refusal } from '../../core/refusal';
import { can } from '../../auth/permissions';

/**
 * Registers a visitor at a site: the visitor as a Spintly user with the visitor role (a returning visitor, by phone,
 * reused), a meeting that opens the chosen doors by QR for the window, and optionally a lent card. Site, host and
 * every door are scope-checked first. Sending the same form again (after a timeout) finishes it, never doubles it.
 */
export const registerVisitorAction = defineAction({
  name: 'visitors.register',
  capability: 'visitors:write',
  input: registerVisitorSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.siteId },
    { type: 'person' as const, id: input.hostId, part: 'host' as const },
    ...input.doorIds.map((id) => ({ type: 'door' as const, id, siteId: input.siteId })),
  ],
  creates: (input, data: { visitId: string; visitorId: number } | undefined) => ({
    type: 'person',
    id: data?.visitorId ?? 'new',
    name: input.name,
    part: 'created',
  }),
  async run(input, { operator, spintly }) {
    // The desk's cards are the front desk's to hand out (and the admins'); a company admin's visitor uses the QR pass.
    if (input.card && !can(operator, 'cards:write'))
      throw new Refusal('Cards from the desk are lent at the front desk. Register the visit without a card.', {
        field: 'card',
      });
    // The words the visitor accepted must be the notice in force: one changed while the form was open is read again.
    if (input.noticeVersion !== visitorNotice(portalEnv().visitors).version)
      throw new Refusal('The privacy notice has changed since this form opened. Reload the page and read it again.', {
        field: 'noticeAccepted',
      });
    const host = await spintly.getUser(input.hostId);
    if (!host) throw new Refusal('The host is no longer in Spintly. Choose another host.', { field: 'hostId' });
    const { visit, reusedVisitor } = await registerVisit(await db(), spintly, {
      ...input,
      hostName: host.name,
      createdBy: operator.id,
      createdByName: operator.name,
    });
    revalidatePath('/visitors');
    return {
      data: { visitId: visit.id, visitorId: visit.visitorId },
      facts: { visit: visit.id, returning: reusedVisitor, card: visit.card ?? null },
      message: `${visit.visitorName} is registered${reusedVisitor ? ' (a returning visitor)' : ''}.`,
    };
  },
});
