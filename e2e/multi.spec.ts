/**
 * Several portal instances on one Postgres database (issue 15): two production portals (A and B) on
 * MULTI_POSTGRES_URL, against the e2e sandbox. A browser keeps one cookie for 127.0.0.1 whatever the port, so A and
 * B stand for two machines behind one load balancer. Needs Postgres: skipped with the reason locally when it is not
 * reachable, never in CI (.ci/run starts it).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { Client } from 'pg';
import { DEMO, DEMO_PASSWORD, sandbox } from './helpers';
import { e2ePortalEnv } from './ports';
import { startPortal } from '../scripts/processes';

const DB_URL = process.env.MULTI_POSTGRES_URL ?? 'postgres://portal:portal@127.0.0.1:5432/portal_multi';
const PORTS = { a: 3301, b: 3302 } as const;
const url = (instance: keyof typeof PORTS) => `http://127.0.0.1:${PORTS[instance]}`;
const HEARTBEAT_S = 2;

const env = e2ePortalEnv(
  { TRUSTED_PROXY_HOPS: '1', PORTAL_WORKER: 'inline', PORTAL_WORKER_TEST_TASK_S: String(HEARTBEAT_S) },
  DB_URL,
);
const portals: Partial<Record<keyof typeof PORTS, ChildProcess>> = {};

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function reachable(): Promise<string | null> {
  try {
    await query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function start(instance: keyof typeof PORTS) {
  portals[instance] = startPortal(PORTS[instance], env, ['ignore', 'ignore', 'inherit']);
}

async function healthy(instance: keyof typeof PORTS) {
  await expect(async () => {
    const response = await fetch(`${url(instance)}/api/health`);
    expect(response.status).toBe(200);
  }).toPass({ timeout: 60_000 });
}

const heartbeats = () =>
  query<{ holder: string; started_at: string; outcome: string }>(
    "select holder, started_at, outcome from worker_runs where task = 'test.heartbeat' order by started_at",
  );

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const unreachable = await reachable();
  if (unreachable && process.env.CI) throw new Error(`Postgres is required in CI: ${unreachable}`);
  test.skip(unreachable !== null, `Postgres not reachable at ${DB_URL}: ${unreachable}`);
  // A clean database, migrated once (web instances never migrate), with the demo operators.
  await query('drop schema if exists public cascade');
  await query('create schema public');
  for (const script of ['scripts/db-migrate.ts', 'scripts/seed-demo-operators.ts'])
    expect(spawnSync('node_modules/.bin/tsx', ['--conditions=react-server', script, '--quiet'], { env }).status).toBe(
      0,
    );
  start('a');
  start('b');
  await Promise.all([healthy('a'), healthy('b')]);
});

test.afterAll(async () => {
  for (const child of Object.values(portals)) if (child && child.exitCode === null) child.kill('SIGTERM');
});

async function signInAt(page: Page, instance: keyof typeof PORTS, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${url(instance)}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a change made through A shows on B at once; signing out on A ends the session on B', async ({
  page,
  request,
}) => {
  const state = await sandbox.state(request);
  const person = (state.users as { id: number; homeSiteId: number; deactivatedOn: string | null; name: string }[]).find(
    (u) => u.homeSiteId === 2 && !u.deactivatedOn,
  )!;
  await signInAt(page, 'a', DEMO.admin);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();

  await page.goto(`${url('a')}/users/${person.id}`);
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('person-status')).toContainText('Inactive');

  await page.goto(`${url('b')}/users/${person.id}`);
  await expect(page.getByTestId('person-status')).toContainText('Inactive');
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('person-status')).toHaveText('Active');
  await page.goto(`${url('a')}/users/${person.id}`);
  await expect(page.getByTestId('person-status')).toHaveText('Active');

  // Sign out through A: the same cookie, presented to B, opens nothing.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'authjs.session-token')!;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replay = await page.context().browser()!.newContext();
  await replay.addCookies([{ ...cookie, domain: '127.0.0.1', path: '/' }]);
  const other = await replay.newPage();
  await other.goto(`${url('b')}/users`);
  await expect(other).toHaveURL(/\/sign-in/);
  await replay.close();
});

test('five wrong passwords spread over A and B lock the account on both', async ({ page }) => {
  const email = 'shared-limit@demo.local';
  for (let i = 0; i < 5; i++) {
    await signInAt(page, i % 2 === 0 ? 'a' : 'b', email, `wrong-${i}`);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');
  }
  for (const instance of ['a', 'b'] as const) {
    await signInAt(page, instance, email, 'anything');
    await expect(page.getByTestId('sign-in-error')).toContainText('Too many failed sign-ins');
  }
});

test('a background task runs once per interval across both instances, and the other takes over from a stopped leader', async () => {
  test.setTimeout(90_000);
  // Both instances run the worker inline; one of them leads the heartbeat task.
  await expect(async () => expect((await heartbeats()).length).toBeGreaterThanOrEqual(3)).toPass({ timeout: 20_000 });
  const runs = await heartbeats();
  expect(new Set(runs.map((r) => r.holder)).size).toBe(1);
  for (let i = 1; i < runs.length; i++)
    expect(Date.parse(runs[i]!.started_at) - Date.parse(runs[i - 1]!.started_at)).toBeGreaterThanOrEqual(
      HEARTBEAT_S * 1000 - 50,
    );

  // Stop the leader's process; the other instance leads within 30 s.
  const leaderPid = Number(runs[0]!.holder.split(':')[1]);
  const leader = (['a', 'b'] as const).find((k) => portals[k]?.pid === leaderPid);
  expect(leader, 'the leader is one of the two portals').toBeDefined();
  const stoppedAt = Date.now();
  portals[leader!]!.kill('SIGKILL');
  await expect(async () => {
    const after = (await heartbeats()).filter((r) => Date.parse(r.started_at) > stoppedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => Number(r.holder.split(':')[1]) !== leaderPid)).toBe(true);
  }).toPass({ timeout: 30_000 });
});

test('signing in still works on the instance left standing', async ({ page }) => {
  // (A killed child keeps exitCode null and gets a signalCode.)
  const standing = (['a', 'b'] as const).find((k) => portals[k]?.exitCode === null && portals[k]?.signalCode === null)!;
  await signInAt(page, standing, DEMO.siteAdmin);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  expect((await fetch(`${url(standing)}/api/health`)).status).toBe(200);
});
