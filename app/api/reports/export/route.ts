import { z } from 'zod';
import { portalEnv } from '@/lib/env';
import { dayOf } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';
import { REPORT_NAMES, reportParamsSchema, runReport } from '@/lib/reports';

/**
 * A report of the auditor's pack as CSV: the same columns and rows as its page, named in the first row. A site outside
 * the operator's (or a report their role may not run) answers 404, as one that does not exist. Audited with the filter
 * and the row count.
 */
export const GET = defineRoute({
  name: 'reports.export',
  capability: 'reports:read',
  query: reportParamsSchema.extend({ report: z.enum(REPORT_NAMES) }),
  audit: true,
  async run({ report: name, ...params }, { operator }) {
    const report = await runReport(operator, name, params);
    if (!report) return { json: { message: 'No such report here.' }, status: 404 };
    return {
      csv: {
        filename: `${name}${params.site ? `-site-${params.site}` : ''}-${dayOf(Date.now(), portalEnv().display.timeZone)}.csv`,
        header: report.columns,
        rows: report.rows,
      },
    };
  },
});
