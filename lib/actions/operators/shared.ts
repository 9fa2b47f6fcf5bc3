import 'server-only';
import { OperatorError } from '../../operators';
import type { SpintlyClient } from '../../spintly/client';
import { ActionError } from '../safe-action';

/** Site ids must be sites Spintly has: an operator assigned to a made-up site would see nothing and confuse everyone. */
export async function assertSitesExist(spintly: SpintlyClient, siteIds: readonly number[]) {
  const known = new Set((await spintly.allSites()).map((site) => site.id));
  if (siteIds.some((id) => !known.has(id)))
    throw new ActionError('One of the chosen sites does not exist in Spintly.', 'siteIds');
}

/** Store errors are expected outcomes with messages written for the admin. */
export async function asActionError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OperatorError)
      throw new ActionError(
        error.message,
        error.code === 'email_taken' ? 'email' : error.code === 'wrong_password' ? 'currentPassword' : undefined,
      );
    throw error;
  }
}
