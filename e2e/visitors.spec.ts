import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E } from './ports';
import {
  DEMO,
  craftedActionPost,
  expectNoSeriousA11yViolations,
  sandbox,
  serverActionId,
  signInAndWait,
} from './helpers';
import { freshPhone, registerVisitor as register } from './visitor-form';

type Meeting = { id: number; userId: number; accessPointIds: number[] };

/** A member of site 1 to be the host, with a name unique enough to search for. */
async function hostAtSiteOne(request: APIRequestContext) {
  const users = await sandbox.users(request);
  const counts = new Map<string, number>();
  for (const u of users) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
  return users.find((u) => u.homeSiteId === 1 && counts.get(u.name) === 1 && !u.deactivatedOn)!;
}

async function visitorByPhone(request: APIRequestContext, phone: string) {
  const users = await sandbox.users(request);
  return users.filter((u) => u.phone === `+91${phone}`);
}

const tap = async (request: APIRequestContext, userId: number, accessPointId: number) =>
  (await sandbox.tap(request, userId, accessPointId, 'mobile')).event.granted;

test.describe.configure({ mode: 'serial' });

test('the front desk registers a visitor in seconds; the QR opens the door inside the window, not after it', async ({
  page,
  request,
}) => {
  const host = await hostAtSiteOne(request);
  const phone = freshPhone();
  await signInAndWait(page, DEMO.frontDesk);
  const started = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Visitors' }).click();
  await page.getByRole('link', { name: 'Register a visitor' }).click();
  // The privacy notice: what is kept, for how long, and how to have it erased; nobody is registered without it.
  await expect(page.getByTestId('visitor-notice')).toContainText('We delete it 30 days after your last visit');
  await page.getByRole('button', { name: 'Register visitor' }).click();
  await expect(page.getByText('The visitor must read and accept the notice first')).toBeVisible();
  await register(page, { name: 'Meera Guest', phone, host: host.name });
  expect(Date.now() - started).toBeLessThan(30_000);
  await expect(page.getByTestId('visit-status')).toHaveText('Expected');
  await expect(page.getByTestId('visit-notice')).toContainText(/Version [0-9a-f]{8}, accepted/);
  await expect(page.getByTestId('visit-host')).toHaveText(host.name);

  const [visitor] = await visitorByPhone(request, phone);
  expect(visitor!.roles.map((r) => r.name)).toEqual(['Visitor']);
  const meetings = ((await sandbox.state(request)).meetings as Meeting[]).filter((m) => m.userId === visitor!.id);
  expect(meetings).toHaveLength(1);
  expect(await tap(request, visitor!.id, meetings[0]!.accessPointIds[0]!)).toBe(true);
  await request.post(`${E2E.sandboxUrl}/__sandbox/clock`, { data: { offsetS: 5 * 3600 } });
  try {
    expect(await tap(request, visitor!.id, meetings[0]!.accessPointIds[0]!)).toBe(false);
  } finally {
    await request.post(`${E2E.sandboxUrl}/__sandbox/clock`, { data: { offsetS: 0 } });
  }

  // Listed for the day, and not among the members.
  await page.goto('/visitors');
  await expect(page.getByTestId('visit-row').filter({ hasText: 'Meera Guest' })).toContainText(host.name);
  await expectNoSeriousA11yViolations(page);
});

test('a visitor with a card from the desk: End now takes the card back and deactivates them; a returning visitor is reused', async ({
  page,
  request,
}) => {
  const host = await hostAtSiteOne(request);
  const phone = freshPhone();
  const card = `V${String(Date.now()).slice(-8)}`;
  await signInAndWait(page, DEMO.frontDesk);
  await page.goto('/visitors/new');
  await register(page, { name: 'Kabir Courier', phone, host: host.name, card });
  await expect(page.getByTestId('visit-card')).toHaveText(card);
  let [visitor] = await visitorByPhone(request, phone);
  expect(visitor!.credentialId).toBe(card);

  await page.getByRole('button', { name: 'End visit now' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'End visit' }).click();
  await expect(page.getByTestId('visit-status')).toHaveText('Left');
  [visitor] = await visitorByPhone(request, phone);
  expect(visitor!.credentialId).toBeNull();
  expect(visitor!.deactivatedOn).not.toBeNull();
  const state = await sandbox.state(request);
  expect((state.meetings as Meeting[]).some((m) => m.userId === visitor!.id)).toBe(false);

  // The same person comes back: same Spintly user, active again, a new meeting.
  await page.goto('/visitors/new');
  await register(page, { name: 'Kabir Courier', phone: `+91 ${phone}`, host: host.name });
  const again = await visitorByPhone(request, phone);
  expect(again).toHaveLength(1);
  expect(again[0]!.id).toBe(visitor!.id);
  expect(again[0]!.deactivatedOn).toBeNull();
  await expect(page.getByTestId('visit-status')).toHaveText('Expected');
});

test('a site admin of another site can neither see nor end a visit (UI and a crafted action)', async ({
  browser,
  request,
}) => {
  // A super admin registers a visit at site 2; Sanjay Siteadmin manages site 1 only.
  const admin = await browser.newPage();
  await signInAndWait(admin, DEMO.admin);
  const users = await sandbox.users(request);
  const host = users.find(
    (u) => u.homeSiteId === 2 && !u.deactivatedOn && users.filter((o) => o.name === u.name).length === 1,
  )!;
  await admin.goto('/visitors/new?site=2');
  await register(admin, { name: 'Zoya Elsewhere', phone: freshPhone(), host: host.name });
  const visitId = /\/visitors\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;
  // Visitors are not members: left out of People unless the Role filter asks for visitors.
  await admin.goto('/users?search=Zoya%20Elsewhere');
  await expect(admin.getByText('Zoya Elsewhere')).toHaveCount(0);
  const visitorRole = ((await sandbox.state(request)).roles as { id: number; name: string }[]).find(
    (r) => r.name === 'Visitor',
  )!;
  await admin.goto(`/users?search=Zoya%20Elsewhere&role=${visitorRole.id}`);
  await expect(admin.getByRole('link', { name: 'Zoya Elsewhere' })).toBeVisible();
  await admin.close();

  const page = await browser.newPage();
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto(`/visitors/${visitId}`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/visitors?site=2');
  await expect(page.getByText('Zoya Elsewhere')).toHaveCount(0);

  const endVisit = serverActionId('lib/actions/visitors/end-visit.ts', 'endVisitAction');
  await sandbox.clearStats(request);
  const outside = await craftedActionPost(page, '/visitors', endVisit, [null, { visitId, siteId: 2 }]);
  expect(outside.text).toContain('That is outside the sites you manage');
  // Naming their own site does not help: the visit's own site is checked, and the refusal is the same.
  const disguised = await craftedActionPost(page, '/visitors', endVisit, [null, { visitId, siteId: 1 }]);
  expect(disguised.text).toContain('That is outside the sites you manage');
  expect(await sandbox.writes(request)).toEqual([]);
  await page.close();
});

test('registering while Spintly commits but does not answer leaves one visitor and one meeting', async ({
  page,
  request,
}) => {
  const host = await hostAtSiteOne(request);
  const phone = freshPhone();
  await sandbox.faults(request, {
    rules: [
      { route: 'createUser', rate: 1, kind: 'commit_then_fail' },
      { route: 'createMeeting', rate: 1, kind: 'commit_then_fail' },
    ],
  });
  try {
    await signInAndWait(page, DEMO.frontDesk);
    await page.goto('/visitors/new');
    await register(page, { name: 'Tara Timeout', phone, host: host.name });
  } finally {
    await sandbox.faults(request, { rules: [] });
  }
  const visitors = await visitorByPhone(request, phone);
  expect(visitors).toHaveLength(1);
  const meetings = ((await sandbox.state(request)).meetings as Meeting[]).filter((m) => m.userId === visitors[0]!.id);
  expect(meetings).toHaveLength(1);
});
