/**
 * Activity (issue 17): a tap at a door (through the sandbox, which pushes Spintly's webhook to the portal) shows on
 * /activity without a reload; a site admin sees only their sites' events; the CSV export is filtered, safe and lists
 * each event once.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, expectNoSeriousA11yViolations, sandbox, signInAndWait, type SandboxUser } from './helpers';
import { E2E } from './ports';

type Door = { id: number; siteId: number; name: string };

async function tap(request: APIRequestContext, userId: number, accessPointId: number) {
  const body = await sandbox.tap(request, userId, accessPointId);
  expect(body.webhook).toBe(200); // the portal's receiver took it
  return body.event;
}

async function world(request: APIRequestContext) {
  const state = await sandbox.state(request);
  const people = (state.users as SandboxUser[]).filter((u) => !u.deactivatedOn);
  const doors = state.accessPoints as Door[];
  return {
    atSite: (siteId: number) => people.find((u) => u.homeSiteId === siteId)!,
    door: (siteId: number) => doors.find((d) => d.siteId === siteId)!,
  };
}

test('a tap appears at the top of /activity without a reload, and Pause stops new ones coming in', async ({
  page,
  request,
}) => {
  const w = await world(request);
  await signInAndWait(page, DEMO.admin);
  await page.goto('/activity');
  await expect(page.getByTestId('live-state')).toHaveText(/Live/);
  const person = w.atSite(1);
  const door = w.door(1);
  const event = await tap(request, person.id, door.id);
  const row = page.locator(`tr[data-event-id="${event.id}"]`);
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText(door.name);
  await expect(row).toContainText(person.name);
  // The sandbox's webhook tells the outcome ([assumed] for Spintly's; without it the row says "Not reported").
  await expect(row).toContainText(event.granted ? 'Granted' : 'Denied');
  await expect(page.getByRole('row').nth(1)).toHaveAttribute('data-event-id', String(event.id));

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('live-state')).toHaveText(/Paused/);
  const later = await tap(request, person.id, door.id);
  // The paused list heard of it (the next poll) and holds it back, counted, instead of adding it.
  await expect(page.getByTestId('live-state')).toHaveText(/Paused: 1 new event waits/, { timeout: 10_000 });
  await expect(page.locator(`tr[data-event-id="${later.id}"]`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator(`tr[data-event-id="${later.id}"]`)).toBeVisible({ timeout: 10_000 });
  await expectNoSeriousA11yViolations(page);
  await page.goto('/');
  await expect(page.getByRole('img', { name: /Entries today so far/ })).toBeVisible();
  // The sandbox seeds changes stuck on offline readers; the scan of the doors at start finds them.
  await expect
    .poll(
      async () => Number((await page.getByTestId('pending-stuck').getByRole('heading').innerText()).replace(/\D/g, '')),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(page);
});

test('a site admin sees only their sites’ events; the export is filtered, safe and lists each event once', async ({
  page,
  request,
}) => {
  const w = await world(request);
  const mine = await tap(request, w.atSite(1).id, w.door(1).id);
  const theirs = await tap(request, w.atSite(2).id, w.door(2).id);
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/activity');
  await expect(page.locator(`tr[data-event-id="${mine.id}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-event-id="${theirs.id}"]`)).toHaveCount(0);
  // The person's page and the door's page say when they were last seen, newest first.
  await page.goto(`/users/${w.atSite(1).id}`);
  await expect(page.getByTestId('last-seen')).toContainText(`Last seen: ${w.door(1).name}`);
  await page.goto(`/sites/1/doors/${w.door(1).id}`);
  await expect(page.getByTestId('last-seen')).toContainText(`Last seen: ${w.atSite(1).name}`);
  // Asking for another site by URL finds nothing rather than that site's events.
  await page.goto('/activity?site=2');
  await expect(page.getByText('No events match')).toBeVisible();

  const csv = await (await page.request.get(`${E2E.portalUrl}/api/activity/export?door=${w.door(1).id}`)).text();
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe(
    '"eventId","time","siteId","site","doorId","door","personId","person","direction","type","result","company"',
  );
  const ids = lines.slice(1).map((line) => Number(JSON.parse(`[${line}]`)[0]));
  expect(ids).toContain(mine.id);
  expect(ids).not.toContain(theirs.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(lines.slice(1).every((line) => line.includes(`"${w.door(1).id}"`))).toBe(true);
  expect(lines[1]).toMatch(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30"/);
});

test('the home page’s dashboard counts a denied tap without a reload, and its number leads to the list', async ({
  page,
  request,
}) => {
  const w = await world(request);
  await signInAndWait(page, DEMO.admin);
  await page.goto('/');
  const denied = page.getByTestId('denied-today');
  const countNow = async () => Number((await denied.getByRole('heading').innerText()).replace(/\D/g, ''));
  const before = await countNow();
  // A deactivated-style denial: someone at a door of a site they have no permission for.
  const state = await sandbox.state(request);
  const holders = new Set<number>(
    (state.permissions as { accessPointId: number; userIds: number[] }[]).find((p) => p.accessPointId === w.door(2).id)
      ?.userIds ?? [],
  );
  const stranger = (state.users as SandboxUser[]).find((u) => u.homeSiteId === 1 && !holders.has(u.id))!;
  const event = await tap(request, stranger.id, w.door(2).id);
  expect(event.granted).toBe(false);
  await expect.poll(countNow, { timeout: 20_000 }).toBe(before + 1);
  await denied.getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/activity\?.*result=denied/);
  await expect(page.locator(`tr[data-event-id="${event.id}"]`)).toBeVisible();
});

test('times show in India’s time zone: an event at 18:45 UTC on the 28th is 12:15 am on the 29th, and filed under that day', async ({
  page,
  request,
}) => {
  const w = await world(request);
  const person = w.atSite(1);
  const door = w.door(1);
  const eventId = 8_000_000_000 + (Date.now() % 1_000_000_000);
  const at = Date.UTC(2026, 10, 28, 18, 45, 0) / 1000;
  const answer = await request.post(`${E2E.portalUrl}/api/webhooks/spintly`, {
    headers: { 'x-api-key': E2E.webhookKey },
    data: {
      messageVersion: 1,
      messageData: {
        msgType: 'access_event',
        data: {
          orgId: 4242,
          eventId,
          eventTimeEpoch: at,
          accessPointId: door.id,
          accessorId: person.id,
          orgUserId: person.id,
        },
      },
    },
  });
  expect(answer.status()).toBe(200);
  await signInAndWait(page, DEMO.admin);
  await page.goto(`/activity?from=2026-11-29&to=2026-11-29&door=${door.id}`);
  const row = page.locator(`tr[data-event-id="${eventId}"]`);
  await expect(row.locator('time')).toHaveText('29/11/2026, 12:15 am');
  await expect(row.locator('time')).toHaveAttribute('dateTime', '2026-11-28T18:45:00.000Z');
  // The 28th, as a day in India, ends at 18:30 UTC: the event is not on it.
  await page.goto(`/activity?from=2026-11-28&to=2026-11-28&door=${door.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator(`tr[data-event-id="${eventId}"]`)).toHaveCount(0);
});
