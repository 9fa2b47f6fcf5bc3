import { activityFilter, activityQuerySchema, toActivityRows } from '@/lib/data/activity';
import { streamEvents, type StoredEvent } from '@/lib/activity/query';
import { db } from '@/lib/db';
import { portalEnv } from '@/lib/env';
import { dayOf, isoWithOffset } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';

/**
 * /activity's events as CSV (with the person's company last, so existing readers of the columns keep working), with the page's filters (the operator's sites only), newest first: streamed a chunk at a
 * time from the store, names looked up per chunk, each event once; audited as `activity.export` with filter and rows.
 */
export const GET = defineRoute({
  name: 'activity.export',
  capability: 'activity:read',
  query: activityQuerySchema,
  audit: true,
  async run(query, { operator }) {
    const { timeZone } = portalEnv().display;
    const filter = activityFilter(operator, { ...query, before: undefined });
    async function* rows() {
      let chunk: StoredEvent[] = [];
      const flush = async function* () {
        for (const r of await toActivityRows(chunk))
          yield [
            r.eventId,
            isoWithOffset(r.at, timeZone),
            r.siteId,
            r.siteName,
            r.doorId,
            r.doorName,
            r.personId,
            r.personName,
            r.direction,
            r.accessType,
            r.result,
            r.companyName,
          ];
        chunk = [];
      };
      for await (const event of streamEvents(await db(), filter)) {
        chunk.push(event);
        if (chunk.length === 1000) yield* flush();
      }
      yield* flush();
    }
    return {
      csv: {
        filename: `activity-${dayOf(Date.now(), timeZone)}.csv`,
        header: [
          'eventId',
          'time',
          'siteId',
          'site',
          'doorId',
          'door',
          'personId',
          'person',
          'direction',
          'type',
          'result',
          'company',
        ],
        rows: rows(),
      },
    };
  },
});
