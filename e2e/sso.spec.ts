/**
 * Single sign-on (issue 30, item 5), through a real OpenID provider on 127.0.0.1 (oauth2-mock-server: discovery,
 * PKCE, nonce, signed id_tokens) and a second production portal configured for it (AUTH_OIDC_*), on the e2e
 * database and sandbox. The provider signs in whoever the test says (the `email` claim): an operator whose email
 * exists gets their portal role; an unknown email is refused with words and no operator is made; a disabled operator
 * and an email the provider has not verified are refused; signing out ends the session.
 */
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { OAuth2Server } from 'oauth2-mock-server';
import { startPortal } from '../scripts/processes';
import {
  DEMO,
  addOperator,
  authenticatorApp,
  chooseOwnPassword,
  mainNav,
  signIn as signInWithPassword,
} from './helpers';
import { E2E, e2ePortalEnv } from './ports';

const SSO_PORT = 3303;
const IDP_PORT = 4400;
// `localhost`, not 127.0.0.1: Next.js names loopback requests `localhost`, and Auth.js's redirects follow it.
const SSO_URL = `http://localhost:${SSO_PORT}`;
const IDP_NAME = 'Demo SSO';

/** Who the provider says signed in, for the next sign-in. */
const claims = { email: '', email_verified: true };
const provider = new OAuth2Server();
let portal: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await provider.issuer.keys.generate('RS256');
  await provider.start(IDP_PORT, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, claims));
  provider.service.on('beforeUserinfo', (answer) => Object.assign(answer.body, { sub: 'johndoe', ...claims }));
  portal = startPortal(
    SSO_PORT,
    e2ePortalEnv({
      PORTAL_WORKER: 'off',
      // Behind one proxy, as deployed: a sign-in's address is the last X-Forwarded-For entry.
      TRUSTED_PROXY_HOPS: '1',
      // The portal's public address, as a deployment sets it: the redirect URI the provider sends people back to.
      AUTH_URL: SSO_URL,
      AUTH_OIDC_ISSUER: provider.issuer.url!,
      AUTH_OIDC_CLIENT_ID: 'portal-e2e',
      AUTH_OIDC_CLIENT_SECRET: 'portal-e2e-secret',
      AUTH_OIDC_NAME: IDP_NAME,
      // The production default, unlike the main e2e portal: super admins signing in with a password need a second factor.
      REQUIRE_2FA: 'super_admin',
    }),
    ['ignore', 'ignore', 'inherit'],
  );
  await expect(async () => {
    expect((await fetch(`${SSO_URL}/api/health`)).status).toBe(200);
  }).toPass({ timeout: 60_000 });
});

test.afterAll(async () => {
  if (portal && portal.exitCode === null) portal.kill('SIGTERM');
  await provider.stop();
});

/** Through the provider and back, as the person with this email. */
async function signInWithSso(page: Page, email: string, verified = true) {
  Object.assign(claims, { email, email_verified: verified });
  await page.goto(`${SSO_URL}/sign-in`);
  await page.getByRole('button', { name: `Sign in with ${IDP_NAME}` }).click();
}

const operatorsNamed = (email: string) => {
  const db = new Database(E2E.database, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from operators where email = ?').get(email) as { n: number }).n;
  } finally {
    db.close();
  }
};

test('an operator whose email exists signs in through SSO with their portal role; signing out ends the session', async ({
  page,
}) => {
  await signInWithSso(page, DEMO.siteAdmin);
  await expect(page.getByTestId('signed-in-as')).toBeAttached();
  await expect(page).toHaveURL(`${SSO_URL}/`);
  await expect(page.getByText('Signed in as site admin.')).toBeVisible();
  await expect(mainNav(page)).toContainText(['Sites', 'People']);
  await expect(mainNav(page)).not.toContainText(['Operators']);
  // The account page lists how they may sign in and this sign-in, by SSO.
  await page.goto(`${SSO_URL}/account`);
  await expect(page.getByTestId('sign-in-methods')).toContainText(`Available (${IDP_NAME}, same email)`);
  await expect(page.getByTestId('sign-in-row').first()).toContainText('Signed in');
  await expect(page.getByTestId('sign-in-row').first()).toContainText('Single sign-on');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`${SSO_URL}/users`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an unknown email is refused with a clear message, and no operator is created', async ({ page }) => {
  const email = `nobody.${Date.now()}@example.com`;
  await signInWithSso(page, email);
  await expect(page.getByTestId('sso-error')).toContainText('no active operator of this portal has that email');
  await page.goto(`${SSO_URL}/users`);
  await expect(page).toHaveURL(/\/sign-in/);
  expect(operatorsNamed(email)).toBe(0);
});

test('a disabled operator, and an email the provider has not verified, are refused', async ({ page, browser }) => {
  const email = `leaving.${Date.now()}@demo.local`;
  await addOperator(browser, email, { disable: true });
  await signInWithSso(page, email);
  await expect(page.getByTestId('sso-error')).toContainText('no active operator');
  await page.goto(`${SSO_URL}/users`);
  await expect(page).toHaveURL(/\/sign-in/);

  await signInWithSso(page, DEMO.siteAdmin, false);
  await expect(page.getByTestId('sso-error')).toContainText('no active operator');
});

test('the account page lists the last sign-ins with their method and address, refused ones too', async ({
  browser,
}) => {
  // An operator and an address of their own: other specs' failed sign-ins count towards the demo accounts' and
  // their addresses' limits.
  const email = `signins.${Date.now()}@demo.local`;
  const { password } = await addOperator(browser, email);
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.23' } });
  const page = await context.newPage();
  await signInWithPassword(page, email, 'not-the-password-1', SSO_URL);
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  // The one-time password signs them in and leads to choosing their own, on the account page.
  await signInWithPassword(page, email, password, SSO_URL);
  await expect(page).toHaveURL(/\/account/);
  await page.goto(`${SSO_URL}/account`);
  const rows = page.getByTestId('sign-in-row');
  await expect(rows.nth(0)).toContainText('Signed in');
  await expect(rows.nth(0)).toContainText('Password');
  await expect(rows.nth(0)).toContainText('198.51.100.23');
  await expect(rows.nth(1)).toContainText('Refused');
  await expect(rows.nth(1)).toContainText('198.51.100.23');
  await context.close();
});

test('REQUIRE_2FA: a super admin signing in with a password sets up a second factor before anything else; by SSO they are exempt', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const email = `policy.${Date.now()}@demo.local`;
  const { password } = await addOperator(browser, email, { role: 'super_admin', name: 'Pooja Policy' });
  const ownPassword = 'policy-own-password-1';
  await signInWithPassword(page, email, password, SSO_URL);
  // The one-time password first, then the second factor.
  await expect(page).toHaveURL(/\/account\?first=1/);
  await chooseOwnPassword(page, password, ownPassword);
  await signInWithPassword(page, email, ownPassword, SSO_URL);
  await expect(page).toHaveURL(/\/account\/two-factor/);
  await expect(page.getByText('Set up two-factor sign-in to go on')).toBeVisible();
  await expect(mainNav(page)).toHaveCount(0);
  // Nothing else until it is done: pages lead back here.
  await page.goto(`${SSO_URL}/users`);
  await expect(page).toHaveURL(/\/account\/two-factor/);

  // The same super admin through the identity provider is not asked: it does its own second factor.
  const sso = await (await browser.newContext()).newPage();
  await signInWithSso(sso, email);
  await expect(sso.getByTestId('signed-in-as')).toContainText('Pooja Policy');
  await sso.goto(`${SSO_URL}/users`);
  await expect(sso).toHaveURL(`${SSO_URL}/users`);
  await sso.context().close();

  const app = authenticatorApp(await page.getByTestId('totp-key').innerText());
  await page.getByLabel('Code from the app').fill(await app.nextCode());
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByTestId('backup-codes').getByRole('listitem')).toHaveCount(10);
  await page.getByRole('link', { name: /continue to the portal/ }).click();
  await expect(mainNav(page)).toContainText(['Operators']);
  await page.goto(`${SSO_URL}/users`);
  await expect(page).toHaveURL(`${SSO_URL}/users`);
});
