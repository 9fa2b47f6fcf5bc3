/**
 * Access groups (issue 29): a group of two doors given to a person and a company lands for everyone (pending, then
 * assigned once the readers sync); the Why? names the group beside a direct grant; removing the person while they hold
 * one door directly takes only the other; a door taken away behind the portal's back shows as drift and Repair gives
 * it back. Bad input keeps what was typed and sends nothing.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  DEMO,
  craftedActionPost,
  expectNoSeriousA11yViolations,
  sandbox,
  serverActionId,
  signInAndWait,
  type SandboxState,
  holdsDoor,
} from './helpers';

/**
 * A site-1 person of no company, two site-1 doors they lack, and the smallest Spintly "Company" value whose people
 * all live at site 1 (the test makes a company of it).
 */
async function world(request: APIRequestContext) {
  const state = (await sandbox.state(request)) as SandboxState;
  const doors = state.accessPoints.filter((d) => d.siteId === 1);
  const person = state.users.find(
    (u) =>
      u.homeSiteId === 1 &&
      !u.deactivatedOn &&
      u.attributes.length === 0 &&
      u.email !== null &&
      doors.filter((d) => !holdsDoor(state, u.id, d.id)).length >= 4,
  )!;
  const [a, b] = doors.filter((d) => !holdsDoor(state, person.id, d.id)).slice(2);
  const values = new Map<number, { name: string; sites: Set<number>; people: number[] }>();
  for (const u of state.users)
    for (const attribute of u.attributes) {
      const c = values.get(attribute.termId) ?? { name: attribute.termName, sites: new Set<number>(), people: [] };
      c.sites.add(u.homeSiteId ?? 0);
      c.people.push(u.id);
      values.set(attribute.termId, c);
    }
  const [termId, value] = [...values]
    .filter(([, c]) => c.sites.size === 1 && c.sites.has(1))
    .sort((x, y) => x[1].people.length - y[1].people.length)[0]!;
  return { person, a: a!, b: b!, termId, companyName: `${value.name} Suite`, companyPeople: value.people };
}

/** Clicks what starts a group job, then waits on the group page for that job (its own `?job=`) to finish. */
async function startAndWait(page: Page, start: () => Promise<void>) {
  const before = new URL(page.url()).searchParams.get('job');
  await start();
  await expect.poll(() => new URL(page.url()).searchParams.get('job')).not.toBe(before);
  await expect(page.getByTestId('job-status')).toHaveText('Finished', { timeout: 30_000 });
}

test('an access group gives its doors to a person and a company; leaving it takes only what no other source gives', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const { person, a, b, termId, companyName, companyPeople } = await world(request);
  await signInAndWait(page, DEMO.admin);

  // A client company whose members are that value's holders (made through its action: the form has its own test).
  const createCompany = serverActionId('lib/actions/companies/create-company.ts', 'createCompanyAction');
  const created = await craftedActionPost(page, '/companies', createCompany, [
    null,
    {
      name: companyName,
      validFrom: '01/01/2026',
      validUntil: '',
      siteIds: ['1'],
      doorIds: [String(a.id), String(b.id)],
      termId: String(termId),
      contactName: '',
      contactEmail: '',
      contactPhone: '',
      notes: '',
    },
  ]);
  expect(created.text).toContain('"ok":true');

  // The person holds door A directly (from their doors page), before any group.
  const changeDoors = serverActionId('lib/actions/permissions/change-person-doors.ts', 'changePersonDoorsAction');
  expect(
    (await craftedActionPost(page, '/users', changeDoors, [null, { userId: person.id, grant: [a.id] }])).status,
  ).toBe(200);

  // Bad input: no door. Said beside the doors; the name typed stays; nothing sent.
  const name = `Gym and lounge ${Date.now() % 100000}`;
  await page.goto('/access-groups');
  await page.getByRole('link', { name: 'New access group' }).click();
  await sandbox.clearStats(request);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create access group' }).click();
  await expect(page.getByText('Choose at least one door')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(name);
  const site = page.getByRole('group', { name: 'Koramangala Hub', exact: true });
  await site.getByLabel(a.name, { exact: true }).check();
  await site.getByLabel(b.name, { exact: true }).check();
  await page.getByRole('button', { name: 'Create access group' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const groupUrl = page.url();
  expect(await sandbox.writes(request)).toEqual([]);

  // Bad input on membership: the last day before the first; nothing sent, the choice kept.
  const add = page.getByRole('region', { name: 'Add members' });
  await add.getByLabel('Find people').fill(person.email!);
  await add.getByRole('checkbox', { name: new RegExp(person.email!.replace(/[.+]/g, '\\$&')) }).check();
  await add.getByRole('checkbox', { name: companyName, exact: true }).check();
  await add.getByLabel('From (optional)').fill('10/01/2030');
  await add.getByLabel('Until (optional)').fill('01/01/2030');
  await add.getByRole('button', { name: 'Add to the group' }).click();
  await expect(add.getByText('The end is before the start')).toBeVisible();
  await expect(add.getByTestId('picked')).toContainText(person.name);
  expect(await sandbox.writes(request)).toEqual([]);

  // Added now, with no end: a job gives both doors to the person and every member of the company.
  await add.getByLabel('From (optional)').fill('');
  await add.getByLabel('Until (optional)').fill('');
  await startAndWait(page, () => add.getByRole('button', { name: 'Add to the group' }).click());
  const members = page.getByRole('list', { name: 'Members of the group' });
  await expect(members).toContainText(person.name);
  await expect(members).toContainText(companyName);
  let state = (await sandbox.state(request)) as SandboxState;
  for (const id of [person.id, ...companyPeople]) expect(holdsDoor(state, id, b.id)).toBe(true);
  const row = page.getByTestId('member-state').filter({ hasText: person.name });
  await expect(row).toContainText('Pending');
  await sandbox.sync(request);
  await page.reload();
  await expect(row).not.toContainText('Pending');
  await expect(row).toContainText('Assigned');

  // The company's membership gets a last day three days from now: the group's list and the home page say so.
  const lastDay = new Intl.DateTimeFormat('en-IN', {
    timeZone: 'Asia/Kolkata',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(Date.now() + 3 * 86_400_000);
  await page.getByRole('button', { name: `Change when ${companyName} leaves` }).click();
  await page.getByLabel('Last day (optional)').fill(lastDay);
  await page.getByRole('button', { name: 'Save the end' }).click();
  await expect(members.getByTestId('membership').filter({ hasText: companyName })).toContainText(`last day ${lastDay}`);
  await page.goto('/');
  await expect(page.getByTestId('memberships-ending')).toContainText(`${companyName} in ${name}: last day ${lastDay}`);
  await page.goto(groupUrl);

  // Why? names the group — and, for door A, the direct grant beside it.
  await page.goto(`/users/${person.id}/permissions`);
  const whyA = page.getByTestId(`why-${a.id}`);
  await whyA.getByText('Why?').click();
  await expect(whyA).toContainText('Given directly by');
  await expect(whyA).toContainText(`Given by the access group ${name}`);
  const whyB = page.getByTestId(`why-${b.id}`);
  await whyB.getByText('Why?').click();
  await expect(whyB).toContainText(`Given by the access group ${name}`);

  // Removing the person from the group: B goes, A (also given directly) stays.
  await page.goto(groupUrl);
  await page.getByRole('button', { name: `Remove ${person.name}` }).click();
  await startAndWait(page, () => page.getByRole('button', { name: 'Remove from the group' }).click());
  await sandbox.sync(request);
  state = (await sandbox.state(request)) as SandboxState;
  expect(holdsDoor(state, person.id, b.id)).toBe(false);
  expect(holdsDoor(state, person.id, a.id)).toBe(true);
  expect(holdsDoor(state, companyPeople[0]!, b.id)).toBe(true);
  await expect(members).not.toContainText(person.name);

  // Drift: door B taken from one company member behind the group's back (from their doors page) shows, and Repair
  // gives it back.
  const member = companyPeople[0]!;
  expect(
    (await craftedActionPost(page, '/users', changeDoors, [null, { userId: member, revoke: [b.id] }])).status,
  ).toBe(200);
  await sandbox.sync(request);
  await page.reload();
  await expect(page.getByTestId('drift')).toContainText('1 member is missing a door');
  await startAndWait(page, () => page.getByRole('button', { name: 'Repair 1 member' }).click());
  expect(holdsDoor((await sandbox.state(request)) as SandboxState, member, b.id)).toBe(true);
  await expectNoSeriousA11yViolations(page);
  await page.goto('/access-groups');
  await expect(page.getByTestId('group-row').filter({ hasText: name })).toContainText('1 company');
  await expectNoSeriousA11yViolations(page);

  // The audit log says who did what, in words.
  await page.goto(`/audit?about=${encodeURIComponent(name)}`);
  await expect(page.getByText(`added ${person.name} and`)).toBeVisible();
  await expect(page.getByText(`removed ${person.name} from the access group ${name}`)).toBeVisible();
  await expect(page.getByText(`took away ${person.name}’s doors from the access group ${name}`)).toBeVisible();
  await expect(page.getByText(`repaired the access group ${name}`)).toBeVisible();
});
