import Database from 'better-sqlite3';
import { serverActionId } from '../../scripts/server-actions';
import { DB, L, GROUPS_TARGETS, callAction, mark, sandboxJson, startWorker, waitForJob } from '../harness';

type World = {
  users: { id: number; homeSiteId: number | null; deactivatedOn: string | null }[];
  accessPoints: { id: number; siteId: number }[];
  permissions: { accessPointId: number; userIds: number[] }[];
  pending: { userId: number; accessPointId: number; action: string }[];
};

/** Who holds or will hold each door, as Spintly (the sandbox) says. */
function holdersByDoor(world: World) {
  const byDoor = new Map<number, Set<number>>();
  const of = (door: number) => byDoor.get(door) ?? byDoor.set(door, new Set()).get(door)!;
  for (const p of world.permissions) for (const id of p.userIds) of(p.accessPointId).add(id);
  for (const p of world.pending)
    if (p.action === 'grant') of(p.accessPointId).add(p.userId);
    else of(p.accessPointId).delete(p.userId);
  return byDoor;
}

const MEMBERS = Number(process.env.BENCH_GROUP_MEMBERS ?? 2_000);
const GROUP_DOORS = 10;
/** The people whose membership ends at once, for the expiry measurement: half the group (10,000 grants at 2,000). */
const ENDING = Math.floor(MEMBERS / 2);

/**
 * `groups` (issue 29): an access group of GROUP_DOORS doors given to MEMBERS people at L — two "Add members" of 1,000
 * each (the most ids one request may carry), each a job of one item per person run by `npm run worker` — timed from
 * the first action to the end of the second job, then checked in the sandbox (every member holds every door). Then
 * half the members' grants are made to end now (their membership's last day, written to the ledger as the form
 * would) and the worker's `access.expire` takes them back: timed until none is open, checked in the sandbox (the
 * ending half lost every door, the other half kept all).
 */
export async function groupsSection(cookie: string, env: NodeJS.ProcessEnv) {
  const world = await sandboxJson<World>('/state');
  const doors = world.accessPoints.filter((d) => d.siteId === 1).slice(0, GROUP_DOORS);
  const before = holdersByDoor(world);
  // Members who hold none of the doors yet, so every grant is sent and every end takes a door away.
  const members = world.users
    .filter((u) => u.deactivatedOn === null && doors.every((d) => !before.get(d.id)?.has(u.id)))
    .slice(0, MEMBERS)
    .map((u) => u.id);
  if (members.length < MEMBERS) throw new Error(`only ${members.length} people hold none of the group's doors`);
  const worker = startWorker(env);

  const created = await callAction(cookie, serverActionId('lib/actions/groups/create-group.ts', 'createGroupAction'), {
    name: `Bench group ${Date.now().toString(36)}`,
    doorIds: doors.map((d) => String(d.id)),
  });
  const groupId = Number(/"groupId":(\d+)/.exec(created)?.[1]);
  if (!groupId) throw new Error(`the group was not created: ${created.slice(0, 200)}`);

  const addMembers = serverActionId('lib/actions/groups/add-members.ts', 'addGroupMembersAction');
  const started = performance.now();
  const jobs: string[] = [];
  for (let i = 0; i < members.length; i += 1_000) {
    const answer = await callAction(cookie, addMembers, {
      groupId,
      personIds: members.slice(i, i + 1_000).map(String),
      companyIds: [],
    });
    const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(answer)?.[1];
    if (!jobId) throw new Error(`adding members did not start a job: ${answer.slice(0, 200)}`);
    jobs.push(jobId);
  }
  const startedMs = Math.round(performance.now() - started);
  const outcomes = [];
  for (const jobId of jobs) outcomes.push(await waitForJob(cookie, jobId, started, 15 * 60_000, 'the group apply'));
  const applyMs = Math.round(performance.now() - started);
  const afterApply = holdersByDoor(await sandboxJson<World>('/state'));
  const holdingAll = members.filter((id) => doors.every((d) => afterApply.get(d.id)?.has(id))).length;

  // Half the members' memberships end now: their grants' ends are set as a last day in the past would set them.
  const ending = new Set(members.slice(0, ENDING));
  const sqlite = new Database(DB);
  sqlite.pragma('busy_timeout = 5000');
  const now = new Date().toISOString();
  const ended = sqlite
    .prepare(
      `update grants set ends_at = ? where source = 'group' and ended_at is null and person_id in (${[...ending].join(',')})`,
    )
    .run(now).changes;
  const expiryStarted = performance.now();
  const open = () =>
    (
      sqlite
        .prepare(`select count(*) as n from grants where ended_at is null and ends_at is not null and ends_at <= ?`)
        .get(now) as { n: number }
    ).n;
  while (open() > 0) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (performance.now() - expiryStarted > 15 * 60_000) throw new Error('the expiry took over 15 minutes');
  }
  const expiryMs = Math.round(performance.now() - expiryStarted);
  sqlite.close();
  const afterExpiry = holdersByDoor(await sandboxJson<World>('/state'));
  const stillHeldByEnded = [...ending].filter((id) => doors.some((d) => afterExpiry.get(d.id)?.has(id))).length;
  const keptByOthers = members
    .filter((id) => !ending.has(id))
    .filter((id) => doors.every((d) => afterExpiry.get(d.id)?.has(id))).length;
  process.kill(-worker.pid!, 'SIGTERM');

  const results = {
    members: members.length,
    doors: doors.length,
    applyMs,
    startActionsMs: startedMs,
    jobs: outcomes.map((j) => ({ total: j.total, succeeded: j.succeeded, unchanged: j.unchanged, failed: j.failed })),
    holdingAllDoorsInSandbox: holdingAll,
    expiry: {
      grants: ended,
      ms: expiryMs,
      peopleStillHolding: stillHeldByEnded,
      othersKeptEveryDoor: keptByOthers,
    },
    upstreamLatencyMs: L,
  };
  console.log(`\nGroups: ${members.length} members × ${doors.length} doors, L = ${L} ms\n`);
  console.log(
    `${mark(applyMs <= GROUPS_TARGETS.applyMs)} apply: ${applyMs} ms (actions answered in ${startedMs} ms), ${outcomes.map((j) => `${j.succeeded} done/${j.failed} failed`).join(', ')}`,
  );
  console.log(
    `${mark(holdingAll === members.length)} in the sandbox: ${holdingAll} of ${members.length} hold every door`,
  );
  console.log(
    `${mark(stillHeldByEnded === 0 && keptByOthers === members.length - ending.size)} expiry: ${ended} grants ending at once, all ended in ${expiryMs} ms; ${stillHeldByEnded} of ${ending.size} still hold a door, ${keptByOthers} of ${members.length - ending.size} others kept every door`,
  );
  return results;
}
