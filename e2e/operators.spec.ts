import { expect, test } from '@playwright/test';
import { DEMO, craftedActionPost, mainNav, sandbox, serverActionId, signIn, signInAndWait } from './helpers';

test.describe('sign-in and navigation by role', () => {
  for (const [email, expected] of [
    [
      DEMO.admin,
      [
        'Sites',
        'People',
        'Front desk',
        'Visitors',
        'Companies',
        'Access groups',
        'Reviews',
        'Cards',
        'Activity',
        'Operators',
        'Audit log',
        'Reports',
        'Privacy',
        'Account',
      ],
    ],
    [
      DEMO.siteAdmin,
      [
        'Sites',
        'People',
        'Front desk',
        'Visitors',
        'Companies',
        'Access groups',
        'Reviews',
        'Cards',
        'Activity',
        'Audit log',
        'Reports',
        'Account',
      ],
    ],
    [DEMO.frontDesk, ['Front desk', 'Visitors', 'Activity', 'Account']],
  ] as const) {
    test(`${email} sees only their navigation`, async ({ page }) => {
      await signInAndWait(page, email);
      await expect(mainNav(page)).toHaveText([...expected]);
    });
  }

  test('a signed-out visit to /users goes to sign-in, and back after signing in', async ({ page }) => {
    await page.goto('/users?search=x');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fusers%3Fsearch%3Dx$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('a site admin gets the 403 page on /operators', async ({ page }) => {
    await signInAndWait(page, DEMO.siteAdmin);
    await page.goto('/operators');
    await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  });

  test('wrong password: a clear message, the email kept', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByLabel('Email')).toBeFocused();
    await signIn(page, DEMO.siteAdmin, 'not-the-password');
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');
    await expect(page.getByLabel('Email')).toHaveValue(DEMO.siteAdmin);
  });

  test('signing out ends the session', async ({ page }) => {
    await signInAndWait(page, DEMO.siteAdmin);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe('before JavaScript has run', () => {
  test.use({ javaScriptEnabled: false });

  test('the sign-in form cannot be sent, and if forced never puts the password in the URL', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByLabel('Password')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    // Force it, as a browser extension or a stale page might: the browser's own submit is a POST.
    await page.locator('fieldset').evaluate((fieldset) => fieldset.removeAttribute('disabled'));
    await page.getByLabel('Email').fill(DEMO.admin);
    await page.getByLabel('Password').fill('demo-pass-1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    expect(page.url()).not.toContain('demo-pass-1234');
    expect(page.url()).not.toContain('password');
  });
});

test('a front-desk session calling an admin-only action directly is refused, and nothing reaches Spintly', async ({
  page,
  request,
  browser,
}) => {
  await signInAndWait(page, DEMO.frontDesk);
  const actionId = serverActionId('lib/actions/operators/create-operator.ts', 'createOperatorAction');
  await sandbox.clearStats(request);
  const answer = await craftedActionPost(page, '/account', actionId, [
    null,
    { email: 'intruder@demo.local', name: 'Intruder', role: 'super_admin', siteIds: [] },
  ]);
  expect(answer.text).toContain('Your role does not allow this.');
  expect(await sandbox.writes(request)).toEqual([]);

  const admin = await browser.newPage();
  await signInAndWait(admin, DEMO.admin);
  await admin.goto('/operators');
  await expect(admin.getByTestId('operator-intruder@demo.local')).toHaveCount(0);
  await admin.goto('/audit?action=operators.create&operator=frontdesk');
  await expect(admin.getByRole('cell', { name: 'Refused — not allowed for their role' }).first()).toBeVisible();
  await expect(admin.getByTestId('audit-sentence').first()).toHaveText(/^Farah Frontdesk tried to add the operator/);
  await admin.close();
});

test('an operator’s lifecycle: created with a one-time password, chooses their own, loses access when disabled', async ({
  page,
  browser,
}) => {
  const email = `op-${Date.now()}@demo.local`;
  await signInAndWait(page, DEMO.admin);
  await page.goto('/operators');
  await page.getByRole('button', { name: 'Add operator' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add operator' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Olga Operator');
  await dialog.getByLabel('Role').selectOption('site_admin');
  await dialog.getByRole('button', { name: 'Add operator' }).click();
  await expect(dialog.getByText('Choose at least one site for this role')).toBeVisible();
  await expect(dialog.getByLabel('Email')).toHaveValue(email); // nothing typed is lost
  await dialog.getByLabel('Koramangala Hub').check();
  await dialog.getByRole('button', { name: 'Add operator' }).click();
  const oneTimePassword = (await page.getByTestId('one-time-password').textContent())!.trim();
  expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId(`operator-${email}`)).toContainText('Koramangala Hub');

  const newcomer = await browser.newPage();
  await signIn(newcomer, email, oneTimePassword);
  await expect(newcomer).toHaveURL(/\/account\?first=1/);
  await expect(newcomer.getByText('Choose your own password')).toBeVisible();
  await newcomer.getByLabel('Current password').fill(oneTimePassword);
  await newcomer.getByLabel('New password', { exact: true }).fill('olga-own-password-1');
  await newcomer.getByLabel('Repeat the new password').fill('olga-own-password-1');
  await newcomer.getByRole('button', { name: 'Change password' }).click();
  await expect(newcomer.getByText('Password changed. Sign in with your new password.')).toBeVisible();
  await signInAndWait(newcomer, email, 'olga-own-password-1');
  await expect(mainNav(newcomer)).toHaveText([
    'Sites',
    'People',
    'Front desk',
    'Visitors',
    'Companies',
    'Access groups',
    'Reviews',
    'Cards',
    'Activity',
    'Audit log',
    'Reports',
    'Account',
  ]);

  await page.getByRole('button', { name: `Disable ${email}` }).click();
  await page.getByRole('button', { name: 'Disable operator' }).click();
  await expect(page.getByTestId(`operator-${email}`)).toContainText('Disabled');

  await newcomer.goto('/audit');
  await expect(newcomer).toHaveURL(/\/sign-in/);
  // The right password of a disabled account gets the same answer as a wrong one: no oracle for guessers.
  await signIn(newcomer, email, 'olga-own-password-1');
  await expect(newcomer.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');
  await newcomer.close();

  await page.goto(`/audit?target=&operator=admin@demo.local&action=operators.`);
  for (const action of ['operators.create', 'operators.set_status'])
    await expect(page.getByRole('cell', { name: action }).first()).toBeVisible();
  await page.goto(`/audit?action=account.change_password`);
  await expect(page.getByRole('cell', { name: email }).first()).toBeVisible();
});

test('the sign-in limit triggers after 5 failures, even for the right password', async ({ page }) => {
  // Its own client address, so the address limit does not reach the other tests.
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.77' });
  for (let i = 0; i < 5; i++) {
    await signIn(page, DEMO.siteAdmin.replace('siteadmin', 'limited'), `wrong-${i}`);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong email or password.');
  }
  await signIn(page, DEMO.siteAdmin.replace('siteadmin', 'limited'), 'anything');
  await expect(page.getByTestId('sign-in-error')).toContainText('Too many failed sign-ins');
  // The account is limited, not everyone behind the same address (hardening.spec.ts covers addresses).
  await signInAndWait(page, DEMO.frontDesk);
});

test('the audit CSV export neutralises formula cells', async ({ page }) => {
  const payload = "=cmd|' /C calc'!A0";
  await signInAndWait(page, DEMO.admin);
  await page.goto('/operators');
  await page.getByRole('button', { name: 'Add operator' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add operator' });
  await dialog.getByLabel('Email').fill(`csv-${Date.now()}@demo.local`);
  await dialog.getByLabel('Name').fill(payload);
  await dialog.getByLabel('Role').selectOption('super_admin');
  await dialog.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByTestId('one-time-password')).toBeVisible();

  const response = await page.request.get('/api/audit/export?action=operators.create');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const csv = await response.text();
  expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
  expect(csv).not.toMatch(/(^|,)"=cmd/m);

  const anonymous = await page.context().browser()!.newContext();
  const refused = await anonymous.request.get(`${new URL(page.url()).origin}/api/audit/export`, { maxRedirects: 0 });
  expect(refused.status()).toBe(307);
  expect(refused.headers()['location']).toContain('/sign-in');
  await anonymous.close();
});

test('security headers and cookies', async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  const response = await page.request.get('/');
  const headers = response.headers();
  const csp = headers['content-security-policy']!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  const session = (await page.context().cookies()).find((c) => c.name.includes('authjs.session-token'))!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe('Lax');
});
