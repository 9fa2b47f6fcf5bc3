'use server';

import { randomUUID } from 'node:crypto';
import { membersOf } from '../../companies/members';
import { getCompany } from '../../companies/store';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { resolveReviewers } from '../../reviews/reviewers';
import { snapshotItems, type ReviewDoor } from '../../reviews/snapshot';
import { createReview } from '../../reviews/store';
import { startReviewSchema } from '../../validation/reviews';
import { defineAction } from '../safe-action';

/**
 * Starts an access review: resolves the reviewers, reads who can open each door in scope from Spintly, freezes that
 * as the campaign's items, and opens the campaign page. The site, company or doors must be the operator's.
 */
export const startReviewAction = defineAction({
  name: 'reviews.start',
  capability: 'reviews:manage',
  input: startReviewSchema,
  targets: (input) =>
    input.scopeKind === 'site'
      ? [{ type: 'site' as const, id: input.siteId! }]
      : input.scopeKind === 'company'
        ? [{ type: 'company' as const, id: input.companyId! }]
        : input.doorIds.map((id) => ({ type: 'door' as const, id })),
  async run(input, { operator, spintly }) {
    const database = await db();
    const allDoors = await spintly.allDoors();
    const sites = await spintly.allSites();
    let doors: ReviewDoor[];
    let members: Set<number> | null = null;
    let label: string;
    let scopeId: number | null = null;
    if (input.scopeKind === 'site') {
      scopeId = input.siteId!;
      doors = allDoors.filter((d) => d.siteId === scopeId);
      label = sites.find((s) => s.id === scopeId)?.name ?? `Site ${scopeId}`;
    } else if (input.scopeKind === 'company') {
      const company = await getCompany(database, input.companyId!);
      if (!company) throw new Refusal('That company no longer exists.', { reason: 'not_found' });
      scopeId = company.id;
      const envelope = new Set(company.doorIds);
      doors = allDoors.filter((d) => envelope.has(d.id));
      label = company.name;
      // Its members: the holders of its Spintly value and the people given to it in the portal.
      members = new Set((await membersOf(database, company.id).execute()).map((m) => Number(m.person_id)));
    } else {
      const chosen = new Set(input.doorIds);
      doors = allDoors.filter((d) => chosen.has(d.id));
      label = `${doors.length} ${doors.length === 1 ? 'door' : 'doors'}`;
    }
    if (doors.length === 0) throw new Refusal('There are no doors to review here.');
    const reviewers = await resolveReviewers(database, input.reviewerKind, {
      siteIds: [...new Set(doors.map((d) => d.siteId))],
      companyId: input.scopeKind === 'company' ? scopeId : null,
      operatorIds: input.operatorIds,
    });
    const items = await snapshotItems(
      database,
      spintly,
      doors.map((d) => ({ id: d.id, name: d.name, siteId: d.siteId })),
      members,
    );
    if (items.length === 0) throw new Refusal('Nobody can open these doors: there is nothing to review.');
    const id = randomUUID();
    await createReview(
      database,
      {
        id,
        name: input.name,
        scopeKind: input.scopeKind,
        scopeId,
        scopeLabel: label,
        reviewerKind: input.reviewerKind,
        dueOn: input.dueOn,
        unreviewed: input.unreviewed,
        createdBy: { id: operator.id, name: operator.name },
      },
      reviewers,
      items,
    );
    return {
      data: { reviewId: id },
      facts: { review: input.name, items: items.length, reviewers: reviewers.length },
      message: `Review started: ${items.length} ${items.length === 1 ? 'item' : 'items'} to review.`,
    };
  },
});
