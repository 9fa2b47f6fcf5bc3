import 'server-only';
import { companyScope, personInScope, siteScope, sitesInScope, type ScopedOperator } from '../auth/permissions';
import { listCompanies } from '../companies/store';
import { db } from '../db';
import { portalEnv } from '../env';
import { importKind } from '../import/apply';
import { checkImport, type CheckedRow } from '../import/check';
import { readRows } from '../import/columns';
import { parseCsv } from '../core/csv';
import { startJob } from '../jobs/start';
import { spintly } from '../spintly';
import { directoryDb } from '../directory';
import { visitorRoleIdOrNull } from '../visitors/role';
import { doorHolders } from '../core/holders';

/** At most this many rows in one file: 10,000 people is a large tenant; bigger files are split. */
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 10 * 1_048_576;

export type ImportCheck =
  | { ok: false; message: string }
  | {
      ok: true;
      rows: Pick<CheckedRow, 'line' | 'name' | 'verdict' | 'reason'>[];
      counts: Record<CheckedRow['verdict'], number>;
      ignored: string[];
      checked: CheckedRow[];
    };

/** Reads and judges a file for an operator (the dry run); nothing is sent to Spintly but reads of sites, roles and doors. */
export async function checkImportFile(operator: ScopedOperator, text: string): Promise<ImportCheck> {
  const read = readRows(parseCsv(text));
  if ('message' in read) return { ok: false, message: read.message };
  if (read.rows.length === 0) return { ok: false, message: 'The file has a header but no rows.' };
  if (read.rows.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      message: `The file has ${read.rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    };
  const client = spintly();
  const [allSites, roles, visitorRoleId] = await Promise.all([
    client.allSites(),
    client.listRoles(),
    visitorRoleIdOrNull(client),
  ]);
  const inScope = sitesInScope(operator, allSites);
  const inScopeIds = new Set(inScope.map((s) => s.id));
  const doors = (await client.allDoors()).filter((d) => inScopeIds.has(d.siteId));
  const { imports, display } = portalEnv();
  const { db: directory } = await directoryDb();
  const companies = await listCompanies(directory, { sites: siteScope(operator), companies: companyScope(operator) });
  const checked = await checkImport(directory, read.rows, {
    companies: companies.map((c) => ({ id: c.id, name: c.name, status: c.status })),
    sitesInScope: inScope,
    allSites,
    roles,
    visitorRoleId,
    doors,
    holdersOf: async (doorIds) => {
      const lists = await Promise.all(doorIds.map((id) => client.doorHolderIds(id)));
      return new Map(doorIds.map((id, i) => [id, doorHolders(lists[i]!).willHold]));
    },
    personInScope: (person) => personInScope(operator, { homeSiteId: person.home_site_id }),
    defaultRole: imports.defaultRole,
    country: imports.defaultCountry,
    timeZone: display.timeZone,
  });
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of checked) counts[row.verdict]++;
  return {
    ok: true,
    rows: checked.map(({ line, name, verdict, reason }) => ({ line, name, verdict, reason })),
    counts,
    ignored: read.ignored,
    checked,
  };
}

/** Applies a checked file as a job: create and update rows run; errors and unchanged rows are recorded as they are. */
export async function startImportJob(operator: { id: string; email: string }, fileName: string, checked: CheckedRow[]) {
  return startJob(await db(), {
    kind: importKind.name,
    title: `Import of ${fileName} (${checked.length} row${checked.length === 1 ? '' : 's'})`,
    createdBy: operator.id,
    requestedBy: operator.email,
    items: checked.map((row) =>
      row.verdict === 'create' || row.verdict === 'update'
        ? { input: row.plan }
        : {
            input: { line: row.line, name: row.name },
            status: row.verdict === 'error' ? ('failed' as const) : ('unchanged' as const),
            outcome: row.verdict === 'error' ? 'error' : 'unchanged',
            message: row.verdict === 'error' ? row.reason : 'Nothing to change.',
          },
    ),
  });
}
