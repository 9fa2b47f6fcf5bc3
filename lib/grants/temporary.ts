import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SpintlyClient } from '../spintly/client';
import { giveFromSource } from './give';
import type { Granter } from './store';

/**
 * Gives one person doors until an end (or, with a later start, schedules them): a direct grant with an end, through
 * the one way every source gives (lib/grants/give.ts).
 */
export function grantTemporaryAccess(
  db: Kysely<Database>,
  client: Pick<SpintlyClient, 'userPermissions' | 'changeUserDoors'>,
  by: Granter,
  grant: { personId: number; doorIds: readonly number[]; startsAt: string | null; endsAt: string; reason: string },
  now = new Date(),
) {
  return giveFromSource(db, client, by, { ...grant, source: 'direct' }, now);
}
