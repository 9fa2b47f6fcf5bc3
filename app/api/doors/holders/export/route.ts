import { z } from 'zod';
import { doorHoldersExport } from '@/lib/data/doors';
import { portalEnv } from '@/lib/env';
import { dayOf } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';

/**
 * Who can open a door (or will, once its reader syncs) and why, as CSV: each person of the operator's sites with the
 * `source` of their access (direct by whom and when, until when; from Spintly). A door outside the operator's sites
 * answers 404, as one that does not exist. Audited with the row count.
 */
export const GET = defineRoute({
  name: 'doors.holders_export',
  capability: 'sites:read',
  query: z.object({ doorId: z.coerce.number().int().positive() }),
  audit: true,
  async run({ doorId }, { operator }) {
    const found = await doorHoldersExport(operator, doorId);
    if (!found) return { json: { message: 'No such door.' }, status: 404 };
    async function* rows() {
      for (const r of found!.rows) yield [r.id, r.name, r.email, r.employeeCode, r.state, r.source];
    }
    return {
      csv: {
        filename: `door-${doorId}-holders-${dayOf(Date.now(), portalEnv().display.timeZone)}.csv`,
        header: ['personId', 'person', 'email', 'employeeCode', 'state', 'source'],
        rows: rows(),
      },
    };
  },
});
