import 'server-only';
import { db } from '../../db';
import { getVisit, type Visit } from '../../visitors/store';
import { Refusal } from '../../core/refusal';

/**
 * The visit an action names, at the site it names (which the action's scope check has already verified): a visit at
 * another site answers exactly like one that does not exist, so a crafted request learns nothing.
 */
export async function visitAt(visitId: string, siteId: number): Promise<Visit> {
  const visit = await getVisit(await db(), visitId);
  if (!visit || visit.siteId !== siteId) throw new Refusal('There is no such visit at this site.');
  return visit;
}

export function assertOpen(visit: Visit) {
  if (visit.endedAt !== null) throw new Refusal('This visit has already ended.');
}
