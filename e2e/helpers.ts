import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync } from 'node:fs';
import { expect, type APIRequestContext, type Browser, type Cookie, type Page } from '@playwright/test';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { E2E } from './ports';

import { endpoints } from '../lib/spintly/contract';

import { serverActionId } from '../scripts/server-actions';

export { serverActionId };

/** `"<METHOD> <path template>"` of every Spintly endpoint that changes something (the sandbox's stats keys). */
const WRITES = new Set(
  Object.values(endpoints)
    .filter((e) => !e.reads)
    .map((e) => `${e.method} ${e.path}`),
);

export const DEMO_PASSWORD = 'demo-pass-1234';
export const DEMO = {
  admin: 'admin@demo.local',
  siteAdmin: 'siteadmin@demo.local',
  frontDesk: 'frontdesk@demo.local',
} as const;

/** Signs in through the form, as a person does. For tests of signing in; the rest use `signInAndWait`. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, portal = '') {
  await page.goto(`${portal}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInThroughForm(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  // Attached, not visible: under 1024 px it sits in the closed menu.
  await expect(page.getByTestId('signed-in-as')).toBeAttached();
}

/** Where the setup project keeps a demo operator's signed-in session (cookies), made once per run. */
export const sessionFile = (email: string) => `e2e/.auth/${email.replace(/[^a-z]/gi, '-')}.json`;

/** Signs in through the form and keeps the session for the tests that only need to be signed in. */
export async function saveSession(page: Page, email: string) {
  await signInThroughForm(page, email, DEMO_PASSWORD);
  await page.context().storageState({ path: sessionFile(email) });
}

/**
 * Signed in as a demo operator and on the home page. The session the setup project saved is reused (no form, no
 * password hashing); when it no longer works — a test signed that operator out everywhere — the form makes a new one
 * and keeps it. Any other account, or another password, goes through the form.
 */
export async function signInAndWait(page: Page, email: string, password = DEMO_PASSWORD) {
  const file = sessionFile(email);
  if (password !== DEMO_PASSWORD || !Object.values(DEMO).includes(email as never) || !existsSync(file))
    return signInThroughForm(page, email, password);
  const { cookies } = JSON.parse(readFileSync(file, 'utf8')) as { cookies: Cookie[] };
  await page.context().addCookies(cookies);
  await page.goto('/');
  const where = await Promise.race([
    page
      .getByTestId('signed-in-as')
      .waitFor({ state: 'attached' })
      .then(() => 'in' as const),
    page.waitForURL(/\/sign-in/).then(() => 'out' as const),
  ]);
  if (where === 'out') await saveSession(page, email);
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link');
}

/** A person as the sandbox's state lists them (the fields tests read). */
export interface SandboxUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  homeSiteId: number | null;
  credentialId: string | null;
  deactivatedOn: string | null;
  roles: { id: number; name: string }[];
}

/** The sandbox's control API, to check what really reached Spintly. */
/** The sandbox's world as `/__sandbox/state` returns it (the parts the specs read). */
export interface SandboxState {
  users: (SandboxUser & { attributes: { termId: number; termName: string }[] })[];
  accessPoints: { id: number; name: string; siteId: number }[];
  permissions: { accessPointId: number; userIds: number[] }[];
  pending: { userId: number; accessPointId: number; action: string }[];
}

/** Whether Spintly gives (or will give, once the reader syncs) the door to the person. */
export const holdsDoor = (state: SandboxState, userId: number, doorId: number) =>
  state.permissions.some((p) => p.accessPointId === doorId && p.userIds.includes(userId)) ||
  state.pending.some((p) => p.userId === userId && p.accessPointId === doorId && p.action === 'grant');

export const sandbox = {
  async clearStats(request: APIRequestContext) {
    await request.delete(`${E2E.sandboxUrl}/__sandbox/stats`);
  },
  async stats(request: APIRequestContext) {
    return (await (await request.get(`${E2E.sandboxUrl}/__sandbox/stats`)).json()) as {
      tokensIssued: number;
      requests: Record<string, { total: number }>;
    };
  },
  /**
   * The writes that reached Spintly since the stats were last cleared. Reads are left out on purpose: the portal's
   * background tasks (pending scan, door counts) read doors at any moment, so "no request at all" would be a race.
   */
  async writes(request: APIRequestContext) {
    return Object.keys((await this.stats(request)).requests).filter((key) => WRITES.has(key));
  },
  async state(request: APIRequestContext) {
    // Read twice at most: a 100 kB answer once met a socket the sandbox had just closed (ECONNRESET), a test-side flake.
    const read = async () => (await request.get(`${E2E.sandboxUrl}/__sandbox/state`)).json();
    return read().catch(read);
  },
  async users(request: APIRequestContext): Promise<SandboxUser[]> {
    return (await this.state(request)).users;
  },
  async user(request: APIRequestContext, id: number): Promise<SandboxUser> {
    return (await this.users(request)).find((u) => u.id === id)!;
  },
  async faults(request: APIRequestContext, config: object) {
    await request.post(`${E2E.sandboxUrl}/__sandbox/faults`, { data: config });
  },
  /** Every online reader syncs now: pending changes become assigned (or removed). */
  async sync(request: APIRequestContext) {
    await request.post(`${E2E.sandboxUrl}/__sandbox/sync`);
  },
  /** Someone presents their card (or phone) at a door: the sandbox decides, records the event and sends the webhook. */
  async tap(request: APIRequestContext, userId: number, accessPointId: number, accessType?: 'card' | 'mobile') {
    const answer = await request.post(`${E2E.sandboxUrl}/__sandbox/access`, {
      data: { userId, accessPointId, ...(accessType && { accessType }) },
    });
    return (await answer.json()) as { event: { id: number; granted: boolean }; webhook: number | null };
  },
};

/** Calls a server action the way the browser's runtime does, with the page's cookies. Returns the raw answer text. */
export async function craftedActionPost(page: Page, path: string, actionId: string, args: unknown[]) {
  return page.evaluate(
    async ({ path, actionId, args }) => {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
        body: JSON.stringify(args),
      });
      return { status: response.status, text: await response.text() };
    },
    { path, actionId, args },
  );
}

/** axe finds no serious or critical violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, context = page.url()) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    context,
  ).toEqual([]);
}

/**
 * An operator added by the demo super admin on the main portal (in a context of its own, through the action the
 * Add operator form calls), disabled when asked. Returns their id and one-time password.
 */
export async function addOperator(
  browser: Browser,
  email: string,
  options: { role?: 'site_admin' | 'super_admin'; disable?: boolean; name?: string } = {},
) {
  const context = await browser.newContext({ baseURL: E2E.portalUrl });
  const admin = await context.newPage();
  await signInAndWait(admin, DEMO.admin);
  const role = options.role ?? 'site_admin';
  const created = await craftedActionPost(
    admin,
    '/operators',
    serverActionId('lib/actions/operators/create-operator.ts', 'createOperatorAction'),
    [
      null,
      { email, name: options.name ?? 'Sign-in Test Operator', role, siteIds: role === 'super_admin' ? [] : ['1'] },
    ],
  );
  const operatorId = /"operatorId":"([0-9a-f-]{36})"/.exec(created.text)?.[1];
  const password = /"oneTimePassword":"([^"]+)"/.exec(created.text)?.[1];
  expect(operatorId && password, created.text.slice(0, 200)).toBeTruthy();
  if (options.disable) {
    const disabled = await craftedActionPost(
      admin,
      '/operators',
      serverActionId('lib/actions/operators/set-operator-status.ts', 'setOperatorStatusAction'),
      [null, { operatorId, status: 'disabled' }],
    );
    expect(disabled.text).toContain('"ok":true');
  }
  await context.close();
  return { operatorId: operatorId!, password: password! };
}

/** On /account after signing in with a one-time password: replaces it (which signs the operator out). */
export async function chooseOwnPassword(page: Page, oneTimePassword: string, newPassword: string) {
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. Sign in with your new password.')).toBeVisible();
}

/**
 * An authenticator app for the tests: codes computed from the key the enrolment page shows. It remembers the last
 * 30-second step it gave, since the portal accepts each step once: the next code is for the step after it (the
 * portal takes one step ahead of its clock), waiting for the clock when that would be too far ahead.
 */
export function authenticatorApp(typedKey: string) {
  const key = decodeBase32IgnorePadding(typedKey.replace(/\s/g, ''));
  let last = 0;
  const stepNow = () => Math.floor(Date.now() / 30_000);
  return {
    async nextCode(): Promise<string> {
      while (last + 1 > stepNow() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
      last = Math.max(last + 1, stepNow());
      return generateHOTP(key, BigInt(last), 6);
    },
    /** A code the portal has already taken (the last one given). */
    spentCode: () => generateHOTP(key, BigInt(last), 6),
  };
}
