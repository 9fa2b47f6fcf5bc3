/**
 * Two-factor sign-in (issue 30): an operator sets up an authenticator app on /account (the test is the app: it
 * computes codes from the key the page shows), then signs in with a code or a backup code, a backup code works once,
 * a request that skips the code gets no session, a dangerous change asks for a fresh code, and a super admin's
 * reset removes the factor and ends the operator's sessions. The main e2e portal runs with REQUIRE_2FA=off (its demo
 * sign-ins are one step); the policy itself is tested on the SSO spec's portal, which runs with the default.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO,
  addOperator,
  authenticatorApp,
  chooseOwnPassword,
  expectNoSeriousA11yViolations,
  signIn,
  signInAndWait,
} from './helpers';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const EMAIL = `two.factor.${stamp}@demo.local`;
const PASSWORD = 'two-factor-own-password-1';
/** The operator whose role the enrolled super admin changes (the step-up). */
const OTHER = `role.change.${stamp}@demo.local`;
let app: ReturnType<typeof authenticatorApp>;
let backupCodes: string[] = [];

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The password step, then the code step. */
async function signInWithCode(page: Page, code: string) {
  await signIn(page, EMAIL, PASSWORD);
  await expect(page.getByLabel('Two-factor code')).toBeVisible();
  await page.getByLabel('Two-factor code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

test('an operator sets up two-factor sign-in on their account page and gets 10 backup codes', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const { password } = await addOperator(browser, EMAIL, { role: 'super_admin', name: 'Tanvi Twofactor' });
  await addOperator(browser, OTHER, { name: 'Rohan Rolechange' });
  await signIn(page, EMAIL, password);
  await chooseOwnPassword(page, password, PASSWORD);
  await signInAndWait(page, EMAIL, PASSWORD);

  await page.goto('/account');
  await expect(page.getByTestId('sign-in-methods')).toContainText('Two-factor sign-inOff');
  await page.getByRole('link', { name: 'Set up' }).click();
  await expect(page).toHaveURL(/\/account\/two-factor/);
  await expect(page.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  app = authenticatorApp(await page.getByTestId('totp-key').innerText());

  // A wrong code: said in words, nothing turned on.
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByTestId('enrol-error')).toContainText('That code did not work');

  await page.getByLabel('Code from the app').fill(await app.nextCode());
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByTestId('second-factor-on')).toContainText('Two-factor sign-in is on');
  backupCodes = (await page.getByTestId('backup-codes').getByRole('listitem').allInnerTexts()).map((c) => c.trim());
  expect(backupCodes).toHaveLength(10);
  expect(new Set(backupCodes).size).toBe(10);

  await page.goto('/account');
  await expect(page.getByTestId('sign-in-methods')).toContainText(/On since .* · 10 backup codes left/);
});

test('signing in asks for a code after the password: a wrong one is refused, the app’s code signs in', async ({
  page,
}) => {
  await signIn(page, EMAIL, PASSWORD);
  // The second step: no session yet, the password is not asked again.
  await expect(page.getByLabel('Two-factor code')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeHidden();
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in/);

  await signInWithCode(page, '123456');
  await expect(page.getByTestId('sign-in-error')).toContainText('That code did not work');
  await page.getByLabel('Two-factor code').fill(await app.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Tanvi Twofactor');

  await page.goto('/account');
  const rows = page.getByTestId('sign-in-row');
  await expect(rows.nth(0)).toContainText('Password and app code');
  await signOut(page);

  // The same code again (a replay): refused.
  await signInWithCode(page, app.spentCode());
  await expect(page.getByTestId('sign-in-error')).toContainText('That code did not work');
});

test('a backup code signs in once; used again it is refused', async ({ page }) => {
  await signInWithCode(page, backupCodes[0]!);
  await expect(page.getByTestId('signed-in-as')).toContainText('Tanvi Twofactor');
  await page.goto('/account/two-factor');
  await expect(page.getByTestId('backup-codes-left')).toContainText('9 of 10 backup codes left');
  await signOut(page);

  await signInWithCode(page, backupCodes[0]!);
  await expect(page.getByTestId('sign-in-error')).toContainText('That code did not work');
  await expect(page.getByLabel('Two-factor code')).toHaveValue('');
});

test('a request that skips the code gets no session', async ({ page }) => {
  // Straight to Auth.js's credentials callback with the right email and password and no code, as a script would.
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const answer = await page.request.post('/api/auth/callback/credentials', {
    form: { email: EMAIL, password: PASSWORD, csrfToken, callbackUrl: '/' },
    maxRedirects: 0,
  });
  expect(answer.headers()['location'] ?? '').toContain('error=');
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes('session-token'))).toBe(false);
  expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
});

test('changing an operator’s role asks for a fresh code first, and goes ahead with one', async ({ page }) => {
  test.setTimeout(75_000);
  await signInWithCode(page, backupCodes[1]!);
  await expect(page.getByTestId('signed-in-as')).toBeAttached();
  await page.goto('/operators');
  await page.getByRole('button', { name: `Change role and sites of ${OTHER}` }).click();
  const dialog = page.getByRole('dialog', { name: `Role and sites of ${OTHER}` });
  await dialog.getByLabel('Role').selectOption('front_desk');
  await dialog.getByRole('button', { name: 'Save' }).click();

  const stepUp = page.getByRole('dialog', { name: 'Confirm it’s you' });
  await expect(stepUp).toBeVisible();
  await stepUp.getByLabel('Two-factor code').fill('111111');
  await stepUp.getByRole('button', { name: 'Confirm' }).click();
  await expect(stepUp.getByTestId('step-up-error')).toContainText('That code did not work');
  // Nothing changed meanwhile.
  await expect(page.getByTestId(`operator-${OTHER}`)).toContainText('Site admin');

  await stepUp.getByLabel('Two-factor code').fill(await app.nextCode());
  await stepUp.getByRole('button', { name: 'Confirm' }).click();
  await expect(stepUp).toBeHidden();
  await expect(page.getByText(`${OTHER} is now front desk.`)).toBeVisible();
  await expect(page.getByTestId(`operator-${OTHER}`)).toContainText('Front desk');

  // Fresh for 10 minutes: the next such change does not ask again.
  await page.getByRole('button', { name: `Change role and sites of ${OTHER}` }).click();
  await dialog.getByLabel('Role').selectOption('site_admin');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`${OTHER} is now site admin.`)).toBeVisible();
  await expect(stepUp).toBeHidden();

  await page.goto(`/audit?action=auth.`);
  await expect(page.getByText('confirmed it was them with a code from their app').first()).toBeVisible();
  await expect(
    page.getByText('entered a second-factor code that did not work to confirm an action').first(),
  ).toBeVisible();
});

test('a super admin resets the factor: the operator is signed out everywhere and signs in without a code', async ({
  page,
  browser,
}) => {
  await signInWithCode(page, backupCodes[2]!);
  await expect(page.getByTestId('signed-in-as')).toBeAttached();

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAndWait(admin, DEMO.admin);
  await admin.goto('/operators');
  await expect(admin.getByTestId(`operator-${EMAIL}`).getByTestId('operator-2fa')).toContainText('Two-factor since');
  await admin.getByRole('button', { name: `Reset two-factor sign-in of ${EMAIL}` }).click();
  await admin.getByRole('button', { name: 'Reset two-factor sign-in', exact: true }).click();
  await expect(admin.getByText('Tanvi Twofactor is signed out everywhere')).toBeVisible();
  await expect(admin.getByTestId(`operator-${EMAIL}`).getByTestId('operator-2fa')).toContainText('No two-factor');
  await admin.goto('/audit?action=auth.2fa_reset');
  await expect(admin.getByText('reset the two-factor sign-in of Tanvi Twofactor').first()).toBeVisible();
  await context.close();

  // Their open session has ended.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in/);
  // With REQUIRE_2FA=off on this portal, they sign in with the password alone until they set it up again.
  await signIn(page, EMAIL, PASSWORD);
  await expect(page.getByTestId('signed-in-as')).toContainText('Tanvi Twofactor');
});
