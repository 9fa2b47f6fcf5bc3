import 'server-only';
import { Refusal } from '../../core/refusal';
import type { SpintlyClient } from '../../spintly/client';

/** Site ids must be sites Spintly has: an operator assigned to a made-up site would see nothing and confuse everyone. */
export async function assertSitesExist(spintly: SpintlyClient, siteIds: readonly number[]) {
  const known = new Set((await spintly.allSites()).map((site) => site.id));
  if (siteIds.some((id) => !known.has(id)))
    throw new Refusal('One of the chosen sites does not exist in Spintly.', { field: 'siteIds' });
}
