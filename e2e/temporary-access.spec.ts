/**
 * Temporary access (issue 29): given from the person page until an end with a reason, extended, and taken away by the
 * portal itself when the end comes — except a door another source (a direct grant) still gives.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  DEMO,
  craftedActionPost,
  sandbox,
  serverActionId,
  signInAndWait,
  holdsDoor,
  type SandboxState,
} from './helpers';

/** An active member at site 1 and three site-1 doors they do not hold. */
async function world(request: APIRequestContext) {
  const state = (await sandbox.state(request)) as SandboxState;
  const doors = state.accessPoints.filter((d) => d.siteId === 1);
  const person = state.users.find(
    (u) => u.homeSiteId === 1 && !u.deactivatedOn && doors.filter((d) => !holdsDoor(state, u.id, d.id)).length >= 3,
  )!;
  const [a, b, c] = doors.filter((d) => !holdsDoor(state, person.id, d.id));
  return { person, a: a!, b: b!, c: c! };
}

test('temporary access: given with a reason, extended, and ended by the portal — a door also given directly stays', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const { person, a, b, c } = await world(request);
  await signInAndWait(page, DEMO.admin);
  await page.goto(`/users/${person.id}`);
  // The doors that may be given are read when the form opens, not carried by every person page.
  const form = page.getByRole('form', { name: 'Give temporary access' });
  await expect(form).toHaveCount(0);
  await page.getByRole('button', { name: 'Give temporary access…' }).click();
  const find = form.getByRole('searchbox', { name: 'Find a door' });
  await expect(find).toBeFocused();

  // Bad input: no door. Said next to the doors; the reason typed is still there; nothing sent.
  await sandbox.clearStats(request);
  await form.getByLabel('Reason').fill('Contractor until Friday');
  await form.getByRole('button', { name: 'Give temporary access' }).click();
  await expect(form.getByText('Choose at least one door')).toBeVisible();
  await expect(form.getByLabel('Reason')).toHaveValue('Contractor until Friday');
  expect(await sandbox.writes(request)).toEqual([]);

  // The super admin sees every site's doors, so each says where it is; typing narrows them, and a ticked door stays
  // ticked (and listed) whatever is typed next.
  await find.fill(a.name);
  await form.getByRole('checkbox', { name: `${a.name} · Koramangala Hub`, exact: true }).check();
  await expect(form.getByText(/No door’s name contains/)).toHaveCount(0);
  await find.fill('no door is called this');
  await expect(form.getByText('No door’s name contains “no door is called this”.')).toBeVisible();
  await expect(form.getByRole('checkbox')).toHaveCount(1);
  await expect(form.getByRole('checkbox', { name: `${a.name} · Koramangala Hub`, exact: true })).toBeChecked();
  await expect(form.getByRole('group', { name: /Doors · 1 chosen/ })).toBeVisible();
  await form.getByRole('button', { name: 'Give temporary access' }).click();
  await expect(page.getByText(/^Given until/)).toBeVisible();
  const list = page.getByRole('list', { name: 'Temporary access' });
  await expect(list).toContainText(a.name);
  await expect(list).toContainText('Contractor until Friday');
  expect(holdsDoor((await sandbox.state(request)) as SandboxState, person.id, a.id)).toBe(true);
  await page.goto('/');
  await expect(page.getByTestId('access-ending')).toContainText(`${person.name}: ${a.name} until`);
  await page.goto(`/users/${person.id}`);

  // Extend by a week.
  await list.getByRole('button', { name: `Extend ${a.name} · Koramangala Hub` }).click();
  await page.getByLabel('How long').first().selectOption('week');
  await page.getByRole('button', { name: 'Save the new end' }).click();
  await expect(page.getByText(/^Access now ends/)).toBeVisible();

  // A short grant of two doors, one of which the person is also given directly: only the other is taken away.
  const changeDoors = serverActionId('lib/actions/permissions/change-person-doors.ts', 'changePersonDoorsAction');
  expect(
    (await craftedActionPost(page, '/users', changeDoors, [null, { userId: person.id, grant: [b.id] }])).status,
  ).toBe(200);
  const temporary = serverActionId('lib/actions/permissions/grant-temporary.ts', 'grantTemporaryAccessAction');
  const endsAt = new Date(Date.now() + 4_000).toISOString();
  const answer = await craftedActionPost(page, '/users', temporary, [
    null,
    { userId: person.id, doorIds: [b.id, c.id], preset: 'until', endsAt, reason: 'Short visit' },
  ]);
  expect(answer.text).toContain('"ok":true');
  expect(holdsDoor((await sandbox.state(request)) as SandboxState, person.id, c.id)).toBe(true);
  await expect(async () => {
    const state = (await sandbox.state(request)) as SandboxState;
    expect(holdsDoor(state, person.id, c.id)).toBe(false);
  }).toPass({ timeout: 30_000 });
  const state = (await sandbox.state(request)) as SandboxState;
  expect(holdsDoor(state, person.id, b.id)).toBe(true);
  expect(holdsDoor(state, person.id, a.id)).toBe(true);

  // The audit says "ended", with who set it — and that the direct door was kept.
  await page.goto(`/audit?action=permissions.expire&about=${encodeURIComponent(person.name)}`);
  await expect(page.getByText(`The portal ended ${person.name}’s access to ${c.name}, as set by`)).toBeVisible();
  await expect(page.getByText(`access to ${b.name}, as set by`)).toContainText('still given by another source');

  // Why?: each source of a door, and what is missing for one no source gives any more.
  await page.goto(`/users/${person.id}/permissions`);
  const whyA = page.getByTestId(`why-${a.id}`);
  await whyA.getByText('Why?').click();
  await expect(whyA).toContainText('Given directly by');
  await expect(whyA).toContainText('“Contractor until Friday”');
  const whyC = page.getByTestId(`why-${c.id}`);
  await whyC.getByText('Why?').click();
  await expect(whyC).toContainText('No source gives it.');

  // The door's side: who can open it and why, on the page and in its CSV (audited).
  await sandbox.sync(request);
  await page.goto(`/sites/1/doors/${b.id}?search=${encodeURIComponent(person.name)}`);
  await expect(page.getByRole('row').filter({ hasText: person.name }).first()).toContainText('Direct (');
  const csv = await (await page.request.get(`/api/doors/holders/export?doorId=${b.id}`)).text();
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('"personId","person","email","employeeCode","state","source"');
  expect(lines.find((line) => line.startsWith(`"${person.id}",`))).toContain('Direct (');
  const elsewhere = await page.request.get('/api/doors/holders/export?doorId=999999');
  expect(elsewhere.status()).toBe(404);
});

test('the doors a temporary-access form offers are the operator’s own: a site admin’s site, nothing for the front desk', async ({
  browser,
  request,
}) => {
  const state = (await sandbox.state(request)) as SandboxState;
  const siteOne = new Set(state.accessPoints.filter((d) => d.siteId === 1).map((d) => d.id));
  const asSiteAdmin = await browser.newPage();
  await signInAndWait(asSiteAdmin, DEMO.siteAdmin);
  const answer = await asSiteAdmin.request.get('/api/doors/grantable');
  expect(answer.status()).toBe(200);
  const { doors } = (await answer.json()) as { doors: { id: number; name: string }[] };
  // Every door of site 1 and no other; one site, so names say no site.
  expect(doors.map((d) => d.id).sort((x, y) => x - y)).toEqual([...siteOne].sort((x, y) => x - y));
  expect(doors.every((d) => !d.name.includes(' · '))).toBe(true);
  await asSiteAdmin.close();

  const asFrontDesk = await browser.newPage();
  await signInAndWait(asFrontDesk, DEMO.frontDesk);
  expect((await asFrontDesk.request.get('/api/doors/grantable')).status()).toBe(403);
  await asFrontDesk.close();
  // Without a session the proxy sends the browser to sign in; no door is listed.
  const anonymous = await request.get('/api/doors/grantable', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expect(anonymous.headers().location).toContain('/sign-in');
});
