import { spawn, type ChildProcess } from 'node:child_process';
import { bin } from '../../scripts/processes';
import { FIRST_COMPANY_TERM } from '../../sandbox/seed';
import { serverActionId } from '../../scripts/server-actions';
import {
  L,
  PORTAL,
  callAction,
  JOBS_TARGETS,
  sandboxJson,
  groupRssMb,
  rssMb,
  mark,
  startWorker,
  waitForJob,
} from '../harness';

/**
 * `jobs`: an import of IMPORT_ROWS (10,000) new people at L, through POST /api/import, run by `npm run worker` (the
 * portal runs with PORTAL_WORKER=off here) with 20% of creates answered by an error after they landed
 * (`commit_then_fail`) and the worker killed (SIGKILL) and restarted half-way. Counts the people in the sandbox
 * afterwards: exactly one per row is the target, with the time and the most memory the worker and the portal used.
 */
export async function jobsSection(cookie: string, portal: ChildProcess, env: NodeJS.ProcessEnv) {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
  const tag = `bench${Date.now().toString(36)}`;
  const sites = await sandboxJson<{ sites: { name: string }[] }>('/state');
  const site = sites.sites[0]!.name;
  const csv = [
    'Name,Email,Home site',
    ...Array.from({ length: rows }, (_, i) => `Bench Import ${i + 1},${tag}.${i + 1}@example.com,${site}`),
  ].join('\n');
  let worker = startWorker(env);
  await sandboxJson('/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: [{ route: 'createUser', rate: 0.2, kind: 'commit_then_fail' }] }),
  });
  const started = performance.now();
  const body = new FormData();
  body.set('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const answer = await fetch(`${PORTAL}/api/import?mode=import`, { method: 'POST', body, headers: { cookie } });
  const { jobId } = (await answer.json()) as { jobId: string };
  if (!jobId) throw new Error(`the import did not start: ${answer.status}`);
  const checkedMs = Math.round(performance.now() - started);
  let restarted = false;
  let resumed: { atFinished: number; killedAt: number; afterMs?: number } | null = null;
  let peakWorkerMb = 0;
  let peakPortalMb = 0;
  let job: { status: string; finished: number; succeeded: number; unchanged: number; failed: number } = {
    status: 'queued',
    finished: 0,
    succeeded: 0,
    unchanged: 0,
    failed: 0,
  };
  while (!['done', 'cancelled', 'failed'].includes(job.status)) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    job = (await (await fetch(`${PORTAL}/api/jobs/status?id=${jobId}`, { headers: { cookie } })).json()) as typeof job;
    if (worker.exitCode === null) peakWorkerMb = Math.max(peakWorkerMb, groupRssMb(worker.pid!));
    peakPortalMb = Math.max(peakPortalMb, rssMb(portal.pid!));
    if (resumed && resumed.afterMs === undefined && job.finished > resumed.atFinished)
      resumed.afterMs = Math.round(performance.now() - resumed.killedAt);
    if (!restarted && job.finished >= rows / 2) {
      resumed = { atFinished: job.finished, killedAt: performance.now() };
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      process.kill(-worker.pid!, 'SIGKILL');
      await exited;
      worker = startWorker(env);
      console.log(`[bench] worker killed at ${job.finished} of ${rows}; restarted as ${worker.pid}`);
      restarted = true;
    }
    if (performance.now() - started > 15 * 60_000) throw new Error('the import took over 15 minutes');
  }
  const ms = Math.round(performance.now() - started);
  await sandboxJson('/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: [] }),
  });
  const users = (await sandboxJson<{ users: { email: string | null }[] }>('/state')).users;
  const created = users.filter((u) => u.email?.startsWith(`${tag}.`)).length;
  const company = await companyOffboarding(cookie, env);
  process.kill(-worker.pid!, 'SIGTERM');
  const results = {
    rows,
    ms,
    checkAndStartMs: checkedMs,
    status: job.status,
    succeeded: job.succeeded,
    // Rows whose person was already in Spintly when they were taken again after the kill (nothing sent twice).
    unchanged: job.unchanged,
    failed: job.failed,
    peopleInSandbox: created,
    restartedHalfWay: restarted,
    // From the kill to the first item finished after it: the restarted worker taking the lead and resuming.
    resumedAfterMs: resumed?.afterMs ?? null,
    commitThenFailRate: 0.2,
    peakWorkerRssMb: peakWorkerMb,
    peakPortalRssMb: peakPortalMb,
    upstreamLatencyMs: L,
    companyOffboarding: company,
  };
  console.log(
    `\nJobs: import of ${rows} new people, L = ${L} ms, 20% commit_then_fail on create, worker killed half-way\n`,
  );
  console.log(
    `${mark(ms <= JOBS_TARGETS.importMs)} import: ${ms} ms (check and start ${checkedMs} ms), ${job.succeeded} done, ${job.unchanged} found already there, ${job.failed} failed`,
  );
  console.log(`${mark(created === rows)} people in the sandbox afterwards: ${created} of ${rows}`);
  console.log(`     progress again ${resumed?.afterMs ?? '?'} ms after the worker was killed (restart and resume)`);
  console.log(
    `${mark(Math.max(peakWorkerMb, peakPortalMb) <= JOBS_TARGETS.rssMb)} memory: worker ${peakWorkerMb} MB, portal ${peakPortalMb} MB at most`,
  );
  console.log(
    `${mark(company.deactivatedInSandbox === company.people && company.cardsLeftInSandbox === 0)} in the sandbox afterwards: ${company.deactivatedInSandbox} of ${company.people} deactivated, ${company.cardsLeftInSandbox} cards left`,
  );
  console.log(
    `${mark(company.ms <= JOBS_TARGETS.companyOffboardMs)} company offboarding: ${company.people} people in ${company.ms} ms, ${company.succeeded} done, ${company.failed} failed`,
  );
  return results;
}

/**
 * A company's end (issue 28): the demo's companies made from the sandbox's "Company" values, then the first one
 * ended by hand — one job offboarding every member (card back, doors and pending grants removed, deactivated) —
 * timed from the action to the job's end. BENCH_PEOPLE=11112 gives that company about 500 people.
 */
async function companyOffboarding(cookie: string, env: NodeJS.ProcessEnv) {
  await new Promise<void>((resolve, reject) => {
    const seed = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/seed-demo-companies.ts'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    seed.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed-demo-companies exited ${code}`))));
  });
  const started = performance.now();
  const answer = await callAction(
    cookie,
    serverActionId('lib/actions/companies/offboard-company.ts', 'offboardCompanyAction'),
    { companyId: 1 },
  );
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(answer)?.[1];
  if (!jobId) throw new Error(`the company offboarding did not start: ${answer.slice(0, 200)}`);
  const job = await waitForJob(cookie, jobId, started, 10 * 60_000, 'the company offboarding');
  const ms = Math.round(performance.now() - started);
  // What Spintly says afterwards: the company's people (by its value) deactivated, without a card.
  const { users } = await sandboxJson<{
    users: { deactivatedOn: string | null; credentialId: string | null; attributes: { termId: number }[] }[];
  }>('/state');
  const members = users.filter((u) => u.attributes.some((a) => a.termId === FIRST_COMPANY_TERM));
  return {
    people: job.total,
    ms,
    status: job.status,
    succeeded: job.succeeded,
    failed: job.failed,
    deactivatedInSandbox: members.filter((u) => u.deactivatedOn !== null).length,
    cardsLeftInSandbox: members.filter((u) => u.credentialId !== null).length,
  };
}
