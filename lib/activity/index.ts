import 'server-only';
import { db } from '../db';
import { Batcher } from './batcher';
import { storeEvents, type EventRow } from './store';

export { fromHistory, fromWebhook, storeEvents, type EventRow } from './store';

let batcher: Batcher<EventRow, boolean> | undefined;

/**
 * Stores one event from the webhook, written together with the others arriving at the same moment; resolves `true`
 * when it was new, `false` when the portal had it already (Spintly sent it twice, or the history got there first).
 */
export async function ingestEvent(row: EventRow): Promise<boolean> {
  batcher ??= new Batcher(async (rows) => {
    const added = await storeEvents(await db(), rows);
    // Of two copies in one batch, the first is the new one.
    return rows.map((r) => added.delete(r.event_id));
  });
  return batcher.add(row);
}
