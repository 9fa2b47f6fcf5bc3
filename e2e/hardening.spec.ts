/**
 * What an attacker or a flaky network would try (issue 13): reused cookies after sign-out, sessions kept alive past
 * their limit, forged addresses, malformed and oversized action bodies, unbounded id lists, control characters, and
 * writes whose outcome Spintly did not confirm.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import {
  DEMO,
  DEMO_PASSWORD,
  craftedActionPost,
  sandbox,
  serverActionId,
  signIn,
  signInAndWait,
  signInThroughForm,
} from './helpers';
import { E2E } from './ports';

const COOKIE = 'authjs.session-token';
const SET_ACTIVE = () => serverActionId('lib/actions/people/set-people-active.ts', 'setPeopleActiveAction');

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === COOKIE)!;
}

/** A fresh browser that presents a copy of someone's session cookie. */
async function withCookie(browser: Browser, value: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: COOKIE, value, url: E2E.portalUrl, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}

test.afterEach(async ({ request }) => {
  await sandbox.faults(request, { rules: [] });
});

test('sign-out ends that session on the server: a copied cookie opens no page, export or action', async ({
  page,
  browser,
  request,
}) => {
  // Two sessions of their own (not the saved one the other tests share): this test ends them.
  await signInThroughForm(page, DEMO.admin, DEMO_PASSWORD);
  const copied = (await sessionCookie(page.context())).value;
  const otherDevice = await browser.newPage();
  await signInThroughForm(otherDevice, DEMO.admin, DEMO_PASSWORD);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const thief = await withCookie(browser, copied);
  await thief.goto('/users');
  await expect(thief).toHaveURL(/\/sign-in/);
  const exported = await thief.request.get('/api/audit/export', { maxRedirects: 0 });
  expect(exported.status()).toBe(401);
  await sandbox.clearStats(request);
  const answer = await craftedActionPost(thief, '/sign-in', SET_ACTIVE(), [null, { userIds: [1001], active: false }]);
  expect(answer.text).toContain('Your session has ended. Sign in again.');
  expect(await sandbox.writes(request)).toEqual([]);

  // The other device is still signed in; "Sign out everywhere" ends it and every other copy too.
  await otherDevice.goto('/account');
  await expect(otherDevice.getByTestId('signed-in-as')).toBeVisible();
  const otherCopy = (await sessionCookie(otherDevice.context())).value;
  await otherDevice.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(otherDevice).toHaveURL(/\/sign-in/);
  const second = await withCookie(browser, otherCopy);
  await second.goto('/sites');
  await expect(second).toHaveURL(/\/sign-in/);
  // Signing in again works as usual.
  await signInAndWait(otherDevice, DEMO.admin);
});

test('reading the session never extends it, and a session past the limit ends however often it is read', async ({
  page,
  browser,
}) => {
  await signInAndWait(page, DEMO.admin);
  const claims = async (value: string) => {
    const { decode } = await import('next-auth/jwt');
    return (await decode({ token: value, secret: E2E.authSecret, salt: COOKIE }))!;
  };
  const before = await claims((await sessionCookie(page.context())).value);
  expect(typeof before.sid).toBe('string');
  for (let i = 0; i < 3; i++) expect((await page.request.get('/api/auth/session')).status()).toBe(200);
  const after = await claims((await sessionCookie(page.context())).value);
  expect(after.sid).toBe(before.sid);
  expect(after.signedInAt).toBe(before.signedInAt);
  expect(after.exp!).toBeLessThanOrEqual((before.signedInAt as number) + 12 * 3600);

  // A session whose sign-in was 13 hours ago, re-issued with a fresh exp (what unlimited re-issuing would give).
  const nowS = Math.floor(Date.now() / 1000);
  const stale = await encode({
    token: { ...before, signedInAt: nowS - 13 * 3600, iat: nowS, exp: nowS + 3600 },
    secret: E2E.authSecret,
    salt: COOKIE,
    maxAge: 3600,
  });
  const old = await withCookie(browser, stale);
  for (let i = 0; i < 3; i++) await old.request.get('/api/auth/session');
  await old.goto('/users');
  await expect(old).toHaveURL(/\/sign-in/);
});

test('a forged X-Forwarded-For entry does not reset the limits; one person’s typos do not lock the office', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const office = '203.0.113.9';
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.1, ${office}` } });
  const page = await context.newPage();
  const account = 'typo-prone@demo.local';
  for (let i = 0; i < 5; i++) {
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': `10.${i}.0.1, ${office}` });
    await signIn(page, account, `wrong-${i}`);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');
  }
  await signIn(page, account, 'anything');
  await expect(page.getByTestId('sign-in-error')).toContainText('Too many failed sign-ins');
  // A colleague behind the same address signs in.
  await signInAndWait(page, DEMO.frontDesk);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Spraying one password over many accounts from one address stops at 30, whatever the client writes in front. A
  // script sprays by posting the sign-in action itself, as this does (the form's way is the same request, slower).
  const signInAction = serverActionId('lib/actions/account/sign-in.ts', 'signInAction');
  await page.goto('/sign-in');
  for (let i = 0; i < 25; i++) {
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': `10.99.${i}.1, ${office}` });
    const answer = await craftedActionPost(page, '/sign-in', signInAction, [
      { email: `spray-${i}@demo.local`, password: 'Password123!', callbackUrl: '/' },
    ]);
    expect(answer.text).toMatch(/Wrong email or password|Too many failed sign-ins/);
  }
  await context.setExtraHTTPHeaders({ 'x-forwarded-for': `172.16.0.1, ${office}` });
  await signIn(page, DEMO.frontDesk);
  await expect(page.getByTestId('sign-in-error')).toContainText('Too many failed sign-ins');
  await context.close();
});

test('malformed and oversized action requests get 4xx, not 500', async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  const post = (body: string | Buffer, contentType = 'text/plain;charset=UTF-8') =>
    page.request.post('/users', {
      headers: { 'next-action': SET_ACTIVE(), 'content-type': contentType, accept: 'text/x-component' },
      data: body,
      maxRedirects: 0,
    });
  expect((await post('[null,{"userIds":[1')).status()).toBe(400);
  expect((await post('not json at all')).status()).toBe(400);
  expect((await post('')).status()).toBe(400);
  expect((await post(Buffer.from([0x5b, 0xc3, 0x28, 0x5d]))).status()).toBe(400);
  expect(
    (await post('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n', 'multipart/form-data; boundary=b')).status(),
  ).toBe(400);
  expect((await post(`[null,"${'x'.repeat(1.5 * 1024 * 1024)}"]`)).status()).toBe(413);
  // A well-formed call still works.
  const ok = await craftedActionPost(page, '/users', SET_ACTIVE(), [null, { userIds: [], active: true }]);
  expect(ok.status).toBe(200);
  expect(ok.text).toContain('Select at least one person');
});

test('1,001 ids are refused before any Spintly call; a NUL in a name is refused with the reason', async ({
  page,
  request,
}) => {
  await signInAndWait(page, DEMO.siteAdmin);
  const changeDoor = serverActionId('lib/actions/doors/change-door-people.ts', 'changeDoorPeopleAction');
  const createPerson = serverActionId('lib/actions/people/create-person.ts', 'createPersonAction');
  await sandbox.clearStats(request);
  const many = Array.from({ length: 1001 }, (_, i) => 900_000 + i);
  const refused = await craftedActionPost(page, '/sites', changeDoor, [null, { doorId: 101, siteId: 1, add: many }]);
  expect(refused.text).toContain('Choose at most 1,000 at a time');
  const named = await craftedActionPost(page, '/users/new', createPerson, [
    null,
    {
      name: '\u0000\u0000',
      email: 'nul.name@example.com',
      roleIds: ['1'],
      homeSiteId: '1',
      doorIds: [],
      access: {
        mobile: true,
        card: true,
        remoteAccess: false,
        tapToAccess: false,
        fingerprint: false,
        faceAccess: false,
        gps: false,
        deviceLock: false,
        clickToAccessRange: '3',
      },
    },
  ]);
  expect(named.text).toContain('Remove control characters');
  expect(await sandbox.writes(request)).toEqual([]);
});

test('a page whose Spintly read hangs shows its error within 12 s', async ({ page, request }) => {
  test.setTimeout(40_000);
  await signInAndWait(page, DEMO.admin);
  const someone = ((await sandbox.state(request)).users as { id: number }[])[0]!;
  // A person's page always reads Spintly live (lists read the portal's directory instead).
  await sandbox.faults(request, { rules: [{ route: 'listUsers', rate: 1, kind: 'hang' }] });
  const started = Date.now();
  await page.goto(`/users/${someone.id}`, { timeout: 20_000 });
  await expect(page.getByText('Spintly took too long to answer')).toBeVisible();
  expect(Date.now() - started).toBeLessThan(12_000);
});

test('a read that failed says what could not be loaded, and Retry loads it once Spintly answers', async ({
  page,
  request,
}) => {
  await signInAndWait(page, DEMO.admin);
  const someone = ((await sandbox.state(request)).users as { id: number; name: string }[])[1]!;
  await sandbox.faults(request, { rules: [{ route: 'listUsers', rate: 1, kind: 'status', status: 503 }] });
  try {
    await page.goto(`/users/${someone.id}`);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('Couldn’t load this person from Spintly');
    await expect(error).toContainText('Try again in a few minutes');
  } finally {
    await sandbox.faults(request, { rules: [] });
  }
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: someone.name })).toBeVisible();
  await expect(page.getByTestId('load-error')).toHaveCount(0);
});

test('the front desk: /users is not theirs; picking a person puts the cursor in the card field', async ({
  page,
  request,
}) => {
  await signInAndWait(page, DEMO.frontDesk);
  // The page checks who is asking before it sends a byte, so the refusal is a real 403, not a 200 that says no.
  const denied = await page.goto('/users');
  expect(denied?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  expect((await page.goto('/users/99999999'))?.status()).toBe(404);
  await expect(page.getByRole('table')).toHaveCount(0);

  const state = await sandbox.state(request);
  const person = (
    state.users as {
      homeSiteId: number;
      credentialId: string | null;
      phone: string | null;
      name: string;
      deactivatedOn: string | null;
    }[]
  ).find((u) => u.homeSiteId === 1 && !u.credentialId && u.phone && !u.deactivatedOn)!;
  await page.goto('/front-desk');
  await page.getByLabel('Find a person').fill(person.phone!);
  await expect(page.getByRole('option', { name: new RegExp(person.name) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: person.name })).toBeVisible();
  await expect(page.getByLabel(/card number/i)).toBeFocused();
  // The reader types straight into the card field: no click needed.
  const number = `FOCUS${Date.now().toString().slice(-6)}`;
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${number}`);
});

test('a card issue Spintly did not confirm says so and offers "Check now", never "nothing was lost"', async ({
  page,
  request,
}) => {
  const state = await sandbox.state(request);
  const person = (
    state.users as {
      id: number;
      homeSiteId: number;
      credentialId: string | null;
      phone: string | null;
      name: string;
      deactivatedOn: string | null;
    }[]
  ).filter((u) => u.homeSiteId === 1 && !u.credentialId && u.phone && !u.deactivatedOn)[3]!;
  // A super admin's scope check reads nothing from Spintly, so the only reads that fail are the client's looks.
  await signInAndWait(page, DEMO.admin);
  await page.goto(`/front-desk?person=${person.id}`);
  await expect(page.getByRole('heading', { level: 2, name: person.name })).toBeVisible();
  // The card lands, the answer is lost, and the look that would tell fails too.
  await sandbox.faults(request, {
    rules: [
      { route: 'assignCard', rate: 1, kind: 'commit_then_fail' },
      { route: 'listUsers', rate: 1, kind: 'status', status: 503 },
    ],
  });
  const number = `UNK${Date.now().toString().slice(-7)}`;
  await page.getByLabel(/card number/i).fill(number);
  await page.keyboard.press('Enter');
  const toast = page.getByTestId('toast').filter({ hasText: 'may or may not have been made' });
  await expect(toast).toBeVisible();
  await expect(page.getByText(/nothing was lost/i)).toHaveCount(0);
  await sandbox.faults(request, { rules: [] });
  await toast.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${number}`);
});

test('a form whose engine cannot be fetched says so and sends nothing; once the network is back it checks as usual', async ({
  page,
}) => {
  await signInAndWait(page, DEMO.admin);
  await page.goto('/account');
  await expect(page.getByLabel('Current password')).toBeEnabled();
  // The network drops after the page loaded: no further script arrives.
  await page.route('**/_next/static/chunks/**', (route) => route.abort());
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('a-long-new-password-1');
  await page.getByLabel('Repeat the new password').fill('a-different-password-2');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This form could not finish loading, so nothing was sent.')).toBeVisible();
  expect(posts).toEqual([]);

  await page.unroute('**/_next/static/chunks/**');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The passwords do not match')).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue('a-long-new-password-1');
  expect(posts).toEqual([]);
});
