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
import { parseArgs } from 'node:util';
import { portalEnv } from '../lib/env';
import { createSpintlyClient } from '../lib/spintly/client';
import { SpintlyError } from '../lib/spintly/errors';

const USAGE =
  'usage: npm run spintly -- check | sites | roles | doors <siteId> [--search t] | users [--search t] [--inactive] [--site id] | permissions <userId> | sync [--wait] [--verbose] | history';

function positiveInt(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive whole number`);
  return n;
}

class UsageError extends Error {}

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
          organisation: portalEnv().spintly.orgId,
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
        const { openDatabase, dialectOf } = await import('../lib/db');
        const { reconcile } = await import('../lib/directory/sync');
        const { DIRECTORY_TASK, runCounts, spintlySource } = await import('../lib/directory');
        const { recordRun } = await import('../lib/worker/runner');
        const url = portalEnv().databaseUrl;
        const db = await openDatabase(url, { migrate: false });
        try {
          const started = performance.now();
          let summary: Awaited<ReturnType<typeof reconcile>> | undefined;
          // Recorded as a run of the background task, so the portal's worker does not walk again at once.
          await recordRun(db, DIRECTORY_TASK, 'npm run spintly -- sync', async () =>
            runCounts((summary = await reconcile(db, dialectOf(url), spintlySource(spintly.background)))),
          );
          return { ...summary!, ms: Math.round(performance.now() - started) };
        } finally {
          await db.destroy();
        }
      }
      case 'history': {
        // One run of the activity history task (backfill on a new database, else gap repair), recorded like its own.
        const { openDatabase } = await import('../lib/db');
        const { HISTORY_TASK, runHistory, spintlyHistory } = await import('../lib/activity/tasks');
        const { recordRun } = await import('../lib/worker/runner');
        const url = portalEnv().databaseUrl;
        const db = await openDatabase(url, { migrate: false });
        try {
          const started = performance.now();
          let summary: Awaited<ReturnType<typeof runHistory>> | undefined;
          const outcome = await recordRun(db, HISTORY_TASK, 'npm run spintly -- history', async () => {
            summary = await runHistory(
              db,
              spintlyHistory(spintly.background),
              Date.now(),
              portalEnv().activity.backfillDays,
            );
            return summary;
          });
          return { outcome, ...summary, ms: Math.round(performance.now() - started) };
        } finally {
          await db.destroy();
        }
      }
      default:
        throw new UsageError(USAGE);
    }
  };

  try {
    console.log(JSON.stringify(await run(), null, 2));
    return 0;
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
