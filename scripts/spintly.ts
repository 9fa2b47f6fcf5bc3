/**
 * `npm run spintly -- <command>`: a small CLI for integrators, printing JSON. With no SPINTLY_* variables set it
 * talks to the local sandbox with its demo credentials. Add --verbose to see one log line per call on stderr.
 *
 *   check                                   token, then sites, roles, every site's doors and the first page of people
 *   sites | roles
 *   doors <siteId> [--search text]
 *   users [--search text] [--inactive] [--site id]
 *   permissions <userId>
 *   sync [--wait]                           one people-directory reconcile into DATABASE_URL (as the portal does),
 *                                           printing its summary; --wait first waits up to 60 s for Spintly to answer
 */
import type { Kysely } from 'kysely';
import type { Database } from '../lib/db/schema';
import { parseArgs } from 'node:util';
import { portalEnv } from '../lib/env';
import { createSpintlyClient } from '../lib/spintly/client';
import { SpintlyError } from '../lib/spintly/errors';
import { organisationOf, organisationProblem } from '../lib/spintly/organisation';

const USAGE =
  'usage: npm run spintly -- check | sites | roles | doors <siteId> [--search t] | users [--search t] [--inactive] [--site id] | permissions <userId> | sync [--wait] [--verbose] | history';

function positiveInt(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive whole number`);
  return n;
}

class UsageError extends Error {}

/**
 * One run of a background task from the command line, against DATABASE_URL, recorded in worker_runs like the task's
 * own runs (so the portal's worker does not run it again at once); its summary, outcome and time.
 */
async function recordedRun<S extends object>(
  task: string,
  command: string,
  /** Hands its summary to `keep` (before failing, too), and returns what the run record counts. */
  work: (db: Kysely<Database>, url: string, keep: (summary: S) => void) => Promise<Record<string, number>>,
) {
  const { openDatabase } = await import('../lib/db');
  const { recordRun } = await import('../lib/worker/runner');
  const url = portalEnv().databaseUrl;
  const db = await openDatabase(url, { migrate: false });
  try {
    const started = performance.now();
    let summary: S | undefined;
    const outcome = await recordRun(db, task, `npm run spintly -- ${command}`, () =>
      work(db, url, (kept) => (summary = kept)),
    );
    return { outcome, ...summary, ms: Math.round(performance.now() - started) };
  } finally {
    await db.destroy();
  }
}

/** Spintly (or the sandbox, still starting) may not answer yet: try for up to a minute. */
async function waitForSpintly(connect: () => Promise<void>) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await connect();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      search: { type: 'string' },
      inactive: { type: 'boolean', default: false },
      site: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
    },
  });
  const [command, arg] = positionals;
  const spintly = createSpintlyClient({
    ...portalEnv().spintly,
    logSink: values.verbose ? (line) => process.stderr.write(`${line}\n`) : () => {},
  });

  const run = async (): Promise<unknown> => {
    switch (command ?? '') {
      case 'check': {
        const started = performance.now();
        await spintly.connect();
        // First: the right organisation? A wrong SPINTLY_ORG_ID makes every call below answer 403.
        const organisation = await spintly.organisation();
        const problem = organisationProblem(organisation);
        if (problem) return { ok: false, problem, organisation };
        const [doorsBySite, roles, firstPage] = await Promise.all([
          spintly
            .allSites()
            .then((sites) =>
              Promise.all(sites.map(async (site) => ({ site, doors: await spintly.allAccessPoints(site.id) }))),
            ),
          spintly.listRoles(),
          spintly.listUsers({ perPage: 25 }),
        ]);
        return {
          ok: true,
          target: portalEnv().spintly.usesSandbox ? 'sandbox' : new URL(portalEnv().spintly.apiUrl).host,
          organisation: organisationOf(organisation),
          organisationFrom: organisation.configured !== null ? 'SPINTLY_ORG_ID (matches Spintly)' : 'Spintly',
          cardStyle: portalEnv().spintly.cardStyle,
          sites: doorsBySite.length,
          doors: doorsBySite.reduce((sum, entry) => sum + entry.doors.length, 0),
          doorsBySite: Object.fromEntries(doorsBySite.map(({ site, doors }) => [site.name, doors.length])),
          roles: roles.length,
          people: firstPage.pagination.total,
          tokenRequests: spintly.tokenRequests,
          ms: Math.round(performance.now() - started),
        };
      }
      case 'sites':
        return spintly.allSites();
      case 'roles':
        return spintly.listRoles();
      case 'doors': {
        const siteId = positiveInt(arg, 'siteId');
        return values.search
          ? (await spintly.listAccessPoints(siteId, { search: values.search, perPage: 100 })).items
          : spintly.allAccessPoints(siteId);
      }
      case 'users':
        return spintly.listUsers({
          perPage: 100,
          status: values.inactive ? 'inactive' : 'all',
          ...(values.search && { search: values.search }),
          ...(values.site && { siteIds: [positiveInt(values.site, '--site')] }),
        });
      case 'permissions':
        return spintly.userPermissions(positiveInt(arg, 'userId'));
      case 'sync': {
        if (values.wait) await waitForSpintly(() => spintly.connect());
        const { dialectOf } = await import('../lib/db');
        const { reconcile } = await import('../lib/directory/sync');
        const { DIRECTORY_TASK, runCounts, spintlySource } = await import('../lib/directory');
        return recordedRun(DIRECTORY_TASK, 'sync', async (db, url, keep) => {
          const summary = await reconcile(db, dialectOf(url), spintlySource(spintly.background));
          keep(summary);
          return runCounts(summary); // a failed walk fails the run
        });
      }
      case 'history': {
        // The activity history task: backfill on a new database, else gap repair.
        const { HISTORY_TASK, runHistory, spintlyHistory } = await import('../lib/activity/tasks');
        return recordedRun(HISTORY_TASK, 'history', async (db, _url, keep) => {
          const summary = await runHistory(
            db,
            spintlyHistory(spintly.background),
            Date.now(),
            portalEnv().activity.backfillDays,
          );
          keep(summary);
          return summary;
        });
      }
      default:
        throw new UsageError(USAGE);
    }
  };

  try {
    const result = await run();
    console.log(JSON.stringify(result, null, 2));
    // A check that found a problem (a wrong organisation) fails like a refused call: scripts can rely on the code.
    return (result as { ok?: unknown } | null)?.ok === false ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    const detail =
      error instanceof SpintlyError
        ? { kind: error.kind, status: error.status, endpoint: error.endpoint, message: error.message }
        : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
    console.log(JSON.stringify({ ok: false, error: detail }, null, 2));
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
