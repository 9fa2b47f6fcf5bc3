import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  DEMO,
  craftedActionPost,
  expectNoSeriousA11yViolations,
  sandbox,
  serverActionId,
  signInAndWait,
  mainNav,
  signIn,
  type SandboxUser,
} from './helpers';
import { freshPhone, registerVisitor } from './visitor-form';

type Attribute = { termId: number; termName: string };

/** The sandbox's "Company" values with how many people hold each, from what Spintly has. */
async function companyValues(request: APIRequestContext) {
  const users = (await sandbox.users(request)) as unknown as { attributes: Attribute[]; homeSiteId: number }[];
  const values = new Map<number, { name: string; holders: number; sites: Set<number> }>();
  for (const user of users)
    for (const a of user.attributes) {
      const value = values.get(a.termId) ?? { name: a.termName, holders: 0, sites: new Set<number>() };
      value.holders++;
      value.sites.add(user.homeSiteId);
      values.set(a.termId, value);
    }
  return values;
}

/**
 * On a new company's form: a "Company" value held only at site 1 that no company has yet (the form greys out taken
 * ones), with its term id and holders.
 */
async function freeValueAtSiteOne(page: Page, request: APIRequestContext) {
  const values = await companyValues(request);
  await page.goto('/companies/new');
  const options = await page.getByLabel('Spintly value (optional)').locator('option:not([disabled])').allTextContents();
  return [...values].find(([, v]) => v.sites.size === 1 && v.sites.has(1) && options.includes(`Company: ${v.name}`))!;
}

/** Fills the company form; `value` is a Spintly value's name, or none. */
async function fillCompany(page: Page, company: { name: string; value?: string; site: string; doors: string[] }) {
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(company.name);
  if (company.value)
    await page.getByLabel('Spintly value (optional)').selectOption({ label: `Company: ${company.value}` });
  await page.getByRole('group', { name: 'Sites' }).getByLabel(company.site).check();
  const envelope = page.getByRole('group', { name: company.site, exact: true });
  for (const door of company.doors) await envelope.getByLabel(door, { exact: true }).check();
  await page.getByLabel('Access until (optional)').fill('31/03/2027');
}

test('a super admin adds a company linked to its Spintly value: its holders are its members, on its page and on People', async ({
  page,
  request,
}) => {
  await signInAndWait(page, DEMO.admin);
  const [termId, value] = await freeValueAtSiteOne(page, request);
  const name = `${value.name} ${Date.now()}`;

  // Bad input first: no site chosen is said beside the sites, and what was typed stays.
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Add company' }).click();
  await expect(page.getByText('Choose at least one site')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(name);

  await fillCompany(page, {
    name,
    value: value.name,
    site: 'Koramangala Hub',
    doors: ['Main Entrance', 'Lobby Turnstile'],
  });
  await page.getByRole('button', { name: 'Add company' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Members (${value.holders})` })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Door envelope' }).getByRole('listitem')).toHaveText([
    'Main Entrance',
    'Lobby Turnstile',
  ]);
  await expect(page.getByText('Ends in')).toHaveCount(0); // 31/03/2027 is more than 30 days away
  const companyId = Number(new URL(page.url()).pathname.split('/').pop());
  await expectNoSeriousA11yViolations(page);

  await page.goto(`/companies?search=${encodeURIComponent(name)}`);
  const row = page.getByTestId('company-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(String(value.holders));
  await expect(row).toContainText(value.name);

  // People filtered by the company: exactly its value's holders (all at site 1).
  await page.goto(`/users?company=${companyId}`);
  await expect(page.getByText(new RegExp(`of ${value.holders}$`))).toBeVisible();
  const holderIds = ((await sandbox.users(request)) as unknown as { id: number; attributes: Attribute[] }[])
    .filter((u) => u.attributes.some((a) => a.termId === termId))
    .map((u) => u.id);
  const firstLink = await page.getByRole('row').nth(1).getByRole('link').first().getAttribute('href');
  expect(holderIds).toContain(Number(firstLink!.split('/').pop()));
});

test('a site admin sees only companies at their sites, and cannot open or change one elsewhere', async ({
  page,
  browser,
}) => {
  await signInAndWait(page, DEMO.admin);
  await page.goto('/companies/new');
  const name = `Elsewhere ${Date.now()}`;
  await fillCompany(page, { name, site: 'Indiranagar Commons', doors: [] });
  await page.getByRole('button', { name: 'Add company' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const companyId = Number(new URL(page.url()).pathname.split('/').pop());

  const context = await browser.newContext();
  const siteAdmin = await context.newPage();
  await signInAndWait(siteAdmin, DEMO.siteAdmin);
  await siteAdmin.goto(`/companies?search=${encodeURIComponent(name)}`);
  await expect(siteAdmin.getByText('No company matches these filters.')).toBeVisible();
  const response = await siteAdmin.goto(`/companies/${companyId}`);
  expect(response!.status()).toBe(404);

  // A crafted update of it is refused as outside their sites, and nothing changes.
  const actionId = serverActionId('lib/actions/companies/update-company.ts', 'updateCompanyAction');
  const answer = await craftedActionPost(siteAdmin, '/companies', actionId, [
    null,
    { companyId, name: 'Taken over', validFrom: '2026-01-01', siteIds: ['1'], doorIds: [] },
  ]);
  expect(answer.text).toContain('outside the sites you manage');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await context.close();
});

test('a company admin: only their company’s people, adds one with the company’s value, envelope doors only, no operators', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  // The super admin: a company linked to a free value at site 1, its envelope the Main Entrance; then its admin.
  await signInAndWait(page, DEMO.admin);
  const [termId, value] = await freeValueAtSiteOne(page, request);
  const name = `${value.name} ${Date.now()}`;
  await fillCompany(page, { name, value: value.name, site: 'Koramangala Hub', doors: ['Main Entrance'] });
  await page.getByRole('button', { name: 'Add company' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const companyUrl = page.url();

  // Invited from the company's page: the form opens as a company admin of this company.
  const email = `company-admin-${Date.now()}@demo.local`;
  await page.getByRole('link', { name: 'Add a company admin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add operator' });
  await expect(dialog.getByLabel('Role')).toHaveValue('company_admin');
  await expect(dialog.getByLabel(name)).toBeChecked();
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Chitra Companyadmin');
  await dialog.getByRole('button', { name: 'Add operator' }).click();
  const oneTimePassword = (await page.getByTestId('one-time-password').textContent())!.trim();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId(`operator-${email}`)).toContainText(name);
  await page.goto(companyUrl);
  await expect(page.getByRole('list', { name: 'Company admins' })).toContainText('Chitra Companyadmin');

  // The company admin signs in and chooses a password.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, email, oneTimePassword);
  await admin.getByLabel('Current password').fill(oneTimePassword);
  await admin.getByLabel('New password', { exact: true }).fill('chitra-own-password-1');
  await admin.getByLabel('Repeat the new password').fill('chitra-own-password-1');
  await admin.getByRole('button', { name: 'Change password' }).click();
  await expect(admin.getByText('Password changed.')).toBeVisible();
  await signInAndWait(admin, email, 'chitra-own-password-1');
  await expect(mainNav(admin)).toHaveText([
    'People',
    'Visitors',
    'Companies',
    'Access groups',
    'Reviews',
    'Cards',
    'Activity',
    'Audit log',
    'Account',
  ]);

  // People: exactly the company's value holders.
  await admin.goto('/users');
  await expect(admin.getByText(new RegExp(`of ${value.holders}$`))).toBeVisible();

  // Adds a person: they get the company's value in Spintly and the envelope door; no other door is offered.
  const newName = `Nikhil Newhire ${Date.now()}`;
  await admin.goto('/users/new');
  await admin.getByRole('textbox', { name: 'Name' }).fill(newName);
  await admin.getByRole('textbox', { name: 'Email' }).fill(`nikhil.${Date.now()}@example.com`);
  await expect(admin.getByLabel('Company')).toHaveValue(/\d+/); // their one company, chosen
  await expect(admin.getByRole('checkbox', { name: 'Lobby Turnstile' })).toHaveCount(0);
  await admin.getByRole('checkbox', { name: 'Main Entrance' }).check();
  await admin.getByRole('button', { name: 'Add person' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: newName })).toBeVisible();
  const created = ((await sandbox.users(request)) as unknown as (SandboxUser & { attributes: Attribute[] })[]).find(
    (u) => u.name === newName,
  )!;
  expect(created.attributes.map((a) => a.termId)).toEqual([termId]);
  const state = (await sandbox.state(request)) as {
    accessPoints: { id: number; name: string; siteId: number }[];
    pending: { userId: number; accessPointId: number }[];
  };
  const mainEntrance = state.accessPoints.find((d) => d.siteId === 1 && d.name === 'Main Entrance')!;
  const lobby = state.accessPoints.find((d) => d.siteId === 1 && d.name === 'Lobby Turnstile')!;
  expect(state.pending.filter((p) => p.userId === created.id).map((p) => p.accessPointId)).toEqual([mainEntrance.id]);

  // Crafted requests: a door outside the envelope, a person of another company — refused, nothing sent to Spintly.
  const someoneElse = ((await sandbox.users(request)) as unknown as (SandboxUser & { attributes: Attribute[] })[]).find(
    (u) => u.homeSiteId === 1 && u.attributes.length > 0 && u.attributes[0]!.termId !== termId,
  )!;
  const changeDoors = serverActionId('lib/actions/permissions/change-person-doors.ts', 'changePersonDoorsAction');
  await sandbox.clearStats(request);
  for (const args of [
    { userId: created.id, grant: [lobby.id] },
    { userId: someoneElse.id, grant: [mainEntrance.id] },
  ]) {
    const answer = await craftedActionPost(admin, '/users', changeDoors, [null, args]);
    expect(answer.text).toContain('outside the sites you manage');
  }
  expect(await sandbox.writes(request)).toEqual([]);
  const other = await admin.goto(`/users/${someoneElse.id}`);
  expect(other!.status()).toBe(404);

  // Activity and the audit log: their people's entries and records, not their neighbours' at the same door.
  const mine = (await sandbox.tap(request, created.id, mainEntrance.id)).event;
  const theirs = (await sandbox.tap(request, someoneElse.id, mainEntrance.id)).event;
  await admin.goto('/activity');
  await expect(admin.locator(`tr[data-event-id="${mine.id}"]`)).toBeVisible();
  await expect(admin.locator(`tr[data-event-id="${theirs.id}"]`)).toHaveCount(0);
  await admin.goto('/');
  await expect(admin.getByTestId('entries-by-company')).toContainText(name);
  await admin.goto('/audit');
  await expect(admin.getByText(`added ${newName}`)).toBeVisible();
  await admin.goto(`/audit?about=${encodeURIComponent(someoneElse.name)}`);
  await expect(admin.getByText('No entries match.')).toBeVisible();

  // A visitor for their new person: envelope doors only, no desk card (the front desk lends those).
  await admin.goto('/visitors/new');
  await expect(admin.getByLabel('Card from the desk (optional)')).toHaveCount(0);
  await expect(admin.getByRole('checkbox', { name: 'Lobby Turnstile' })).toHaveCount(0);
  await registerVisitor(admin, { name: 'Vikram Visitor', phone: freshPhone(), host: newName });
  await expect(admin.getByTestId('visit-host')).toHaveText(newName);

  await admin.goto('/operators');
  await expect(admin.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  await context.close();

  // The super admin may give a door outside the envelope: it is marked first, and the record says so.
  await page.goto(`/users/${created.id}/permissions`);
  await expect(page.getByTestId('company-envelope-note')).toContainText(name);
  const lobbyRow = page.getByRole('row').filter({ hasText: 'Lobby Turnstile' }).first();
  await expect(lobbyRow).toContainText('not one of their company’s doors');
  await lobbyRow.getByRole('button', { name: 'Grant Lobby Turnstile' }).click();
  await expect(lobbyRow).toContainText('Access pending');
  await page.goto(`/audit?action=permissions.change_person&about=${encodeURIComponent(newName)}`);
  await expect(page.getByText(/\(1 outside their company’s doors\)/)).toBeVisible();
});

test('a company whose last day has passed is ended by the portal: members deactivated, doors and cards taken back', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signInAndWait(page, DEMO.admin);
  const name = `Shortlease ${Date.now()}`;
  await page.goto('/companies/new');
  await fillCompany(page, { name, site: 'Koramangala Hub', doors: ['Main Entrance'] });
  await page.getByRole('button', { name: 'Add company' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const companyId = Number(new URL(page.url()).pathname.split('/').pop());

  // Two new members, each with the envelope door and a card from the desk.
  const members: number[] = [];
  for (const n of [1, 2]) {
    const person = `Shortlease Member ${n} ${Date.now()}`;
    await page.goto('/users/new');
    await page.getByRole('textbox', { name: 'Name' }).fill(person);
    await page.getByRole('textbox', { name: 'Email' }).fill(`short.${n}.${Date.now()}@example.com`);
    await page.getByLabel('Home site').selectOption({ label: 'Koramangala Hub' });
    await page.getByLabel('Company (optional)').selectOption({ label: name });
    await page.getByRole('checkbox', { name: 'Main Entrance' }).check();
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: person })).toBeVisible();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    members.push(id);
    const issue = serverActionId('lib/actions/cards/issue-card.ts', 'issueCardAction');
    const card = `77${String(Date.now()).slice(-8)}${n}`;
    expect(
      (await craftedActionPost(page, '/front-desk', issue, [null, { userId: id, credentialId: card }])).status,
    ).toBe(200);
  }
  await page.goto(`/companies/${companyId}`);
  await expect(page.getByRole('heading', { name: 'Members (2)' })).toBeVisible();

  // Its last day moves to yesterday: the worker's companies.expire ends it within a tick.
  await page.goto(`/companies/${companyId}/edit`);
  const yesterday = new Date(Date.now() - 86_400_000 + 5.5 * 3_600_000).toISOString().slice(0, 10);
  const [y, m, d] = yesterday.split('-');
  await page.getByLabel('Access from').fill('01/01/2026');
  await page.getByLabel('Access until (optional)').fill(`${d}/${m}/${y}`);
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Ended', { exact: true }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // Spintly: both deactivated, no card, no door (granted or pending).
  await expect(async () => {
    const state = (await sandbox.state(request)) as {
      users: SandboxUser[];
      permissions: { accessPointId: number; userIds: number[] }[];
      pending: { userId: number; action: string }[];
    };
    for (const id of members) {
      const user = state.users.find((u) => u.id === id)!;
      expect(user.deactivatedOn).not.toBeNull();
      expect(user.credentialId).toBeNull();
      expect(state.permissions.some((p) => p.userIds.includes(id))).toBe(false);
      expect(state.pending.some((p) => p.userId === id && p.action === 'grant')).toBe(false);
    }
  }).toPass({ timeout: 30_000 });

  // The audit log reads as sentences: the portal ended the company and offboarded each member.
  await page.goto(`/audit?about=${encodeURIComponent(name)}`);
  await expect(page.getByText(`The portal started offboarding the company ${name} (2 people)`)).toBeVisible();
  await page.goto(`/audit?action=people.offboard&about=${encodeURIComponent('Shortlease Member')}`);
  await expect(page.getByText(/^The portal offboarded Shortlease Member 1/)).toBeVisible();

  // Renewed: reactivating needs a later last day first; then the company is active and its people get nothing back.
  const reactivate = async () => {
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Reactivate the company' }).click();
  };
  await page.goto(`/companies/${companyId}`);
  await reactivate();
  await expect(page.getByText('Edit it to a later last day (or none) first')).toBeVisible();
  await page.goto(`/companies/${companyId}/edit`);
  await page.getByLabel('Access until (optional)').fill('31/03/2027');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));
  await reactivate();
  await expect(page.getByText(`${name} is active again.`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'End now…' })).toBeVisible();
  const users = await sandbox.users(request);
  for (const id of members) expect(users.find((u) => u.id === id)!.deactivatedOn).not.toBeNull();
});
