import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E } from './ports';
import {
  DEMO,
  craftedActionPost,
  mainNav,
  sandbox,
  serverActionId,
  signInAndWait,
  expectNoSeriousA11yViolations,
  type SandboxUser,
} from './helpers';

const users = (request: APIRequestContext) => sandbox.users(request);
const userById = (request: APIRequestContext, id: number) => sandbox.user(request, id);

/** Someone at site 1 without a card, with a name unique enough to find by phone. */
async function cardless(request: APIRequestContext, skip: number) {
  return (await users(request)).filter((u) => u.homeSiteId === 1 && !u.credentialId && u.phone && !u.deactivatedOn)[
    skip
  ]!;
}

async function openPerson(page: Page, person: SandboxUser) {
  await page.getByLabel('Find a person').fill(person.phone!);
  await expect(page.getByRole('option', { name: new RegExp(person.name) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: person.name })).toBeVisible();
}

/** Types the number and presses Enter, as a USB card reader does. */
async function swipe(page: Page, number: string) {
  await page.getByLabel(/card number/i).focus();
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
}

test('front desk issues, replaces and takes back a card, typed as a reader types', async ({ page, request }) => {
  const person = await cardless(request, 0);
  const first = `FD${Date.now().toString().slice(-8)}`;
  const second = `${first}B`;
  await signInAndWait(page, DEMO.frontDesk);
  await expect(page).toHaveURL(/\/front-desk$/);
  await expect(mainNav(page)).toHaveText(['Front desk', 'Visitors', 'Activity', 'Account']);
  await openPerson(page, person);

  await swipe(page, first);
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${first}`);
  expect((await userById(request, person.id)).credentialId).toBe(first);

  await swipe(page, second);
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${second}`);
  const state = await sandbox.state(request);
  expect((state.users as SandboxUser[]).find((u) => u.id === person.id)!.credentialId).toBe(second);
  expect(state.cards.some((c: { credentialId: string }) => c.credentialId === first)).toBe(false);

  await page.getByRole('button', { name: 'Take back card' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Take back card' }).click();
  await expect(page.getByTestId('current-card')).toHaveText('No card');
  expect((await userById(request, person.id)).credentialId).toBeNull();
});

test('a card held by someone else: a clear error naming the holder, and no change', async ({ page, request }) => {
  const holder = (await users(request)).find((u) => u.homeSiteId === 1 && u.credentialId)!;
  const person = await cardless(request, 1);
  await signInAndWait(page, DEMO.frontDesk);
  await openPerson(page, person);
  await swipe(page, holder.credentialId!);
  await expect(
    page.getByText(`Card ${holder.credentialId} already belongs to ${holder.name}. Nothing was changed`),
  ).toBeVisible();
  expect((await userById(request, person.id)).credentialId).toBeNull();
  expect((await userById(request, holder.id)).credentialId).toBe(holder.credentialId);
  // A malformed number never leaves the browser.
  await page.getByLabel(/card number/i).fill('');
  await swipe(page, '12');
  await expect(page.getByText('A card number has 4 to 32 letters or digits.')).toBeVisible();
});

test('when the second step of a replacement fails, the no-card warning shows and the retry works', async ({
  page,
  request,
}) => {
  const person = await cardless(request, 2);
  const oldCard = `OLD${Date.now().toString().slice(-7)}`;
  const newCard = `NEW${Date.now().toString().slice(-7)}`;
  await signInAndWait(page, DEMO.frontDesk);
  await openPerson(page, person);
  await swipe(page, oldCard);
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${oldCard}`);

  await sandbox.faults(request, { rules: [{ route: 'assignCard', rate: 1, kind: 'status', status: 500 }] });
  try {
    await swipe(page, newCard);
    await expect(page.getByTestId('no-card-warning')).toContainText(`${person.name} has no card right now`);
    expect((await userById(request, person.id)).credentialId).toBeNull();
  } finally {
    await sandbox.faults(request, { rules: [] });
  }
  await page.getByRole('button', { name: `Retry issuing card ${newCard}` }).click();
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${newCard}`);
  expect((await userById(request, person.id)).credentialId).toBe(newCard);
});

test('front desk cannot reach people creation, deletion or permission changes: hidden, and refused with nothing sent', async ({
  page,
  request,
}) => {
  const someone = (await users(request)).find((u) => u.homeSiteId === 1)!;
  await signInAndWait(page, DEMO.frontDesk);
  await expect(mainNav(page)).toHaveText(['Front desk', 'Visitors', 'Activity', 'Account']);
  await page.goto('/users/new');
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
  // Inside the shell, one <main> landmark (the shell's), not one nested in another.
  await expect(page.getByRole('main')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'denied page');
  await page.goto('/users/999999999');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('main')).toHaveCount(1);
  await page.goto('/sites/1/permissions');
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();

  await sandbox.clearStats(request);
  const calls: [string, string, unknown][] = [
    [
      'lib/actions/people/create-person.ts',
      'createPersonAction',
      { name: 'Sneaky', email: 'sneaky@example.com', roleIds: [1], homeSiteId: 1, access: {}, doorIds: [] },
    ],
    ['lib/actions/people/delete-people.ts', 'deletePeopleAction', { userIds: [someone.id] }],
    ['lib/actions/doors/change-door-people.ts', 'changeDoorPeopleAction', { doorId: 501, add: [someone.id] }],
    ['lib/actions/permissions/change-person-doors.ts', 'changePersonDoorsAction', { userId: someone.id, grant: [502] }],
  ];
  for (const [file, name, input] of calls) {
    const answer = await craftedActionPost(page, '/front-desk', serverActionId(file, name), [null, input]);
    expect(answer.text, name).toMatch(/Your role does not allow this|Some fields need attention/);
  }
  expect(await sandbox.writes(request)).toEqual([]);
  expect((await users(request)).some((u) => u.id === someone.id)).toBe(true);
});

test('/front-desk and /cards have no serious accessibility violations; /cards exports CSV', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const person = await cardless(request, 3);
  await signInAndWait(page, DEMO.siteAdmin);
  for (const path of ['/front-desk', `/front-desk?person=${person.id}`, '/cards', '/cards?card=no']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page, path);
  }
  const csv = await (await page.request.get(`${E2E.portalUrl}/api/cards/export?card=yes`)).text();
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('"name","email","phone","employee_code","home_site","card","status"');
  expect(lines.length).toBeGreaterThan(5);
  expect(lines.slice(1).every((l) => l.includes('"Koramangala Hub"'))).toBe(true);
});

test('front desk by keyboard and reader only: type, Enter, tap, Enter → card issued; Esc → ready; whose card', async ({
  page,
  request,
}) => {
  const person = await cardless(request, 4);
  const number = String(5_000_000_000 + (Date.now() % 1_000_000_000));
  await signInAndWait(page, DEMO.frontDesk);
  const search = page.getByRole('combobox', { name: 'Find a person' });
  await expect(search).toBeFocused();

  // The name as typed; ↓ walks to them when namesakes come first.
  await page.keyboard.type(person.name.toLowerCase());
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const texts = await options.allTextContents();
  const index = texts.findIndex((t) => t.includes(person.phone!));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  if (index > 0) await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 2, name: person.name })).toBeVisible();
  await expect(
    page.getByRole('option', { name: new RegExp(person.name) }).and(page.locator('[aria-current]')),
  ).toHaveCount(1);
  await expect(page.getByLabel(/card number/i)).toBeFocused();
  await page.keyboard.type(number); // the reader "taps"
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-card')).toHaveText(`Card ${number}`);
  expect((await userById(request, person.id)).credentialId).toBe(number);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/front-desk$/);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');

  // "Whose card is this?": the number tapped into the search opens its holder.
  await page.keyboard.type(number);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: person.name })).toBeVisible();
  await expect(page.getByLabel(/card number/i)).toBeFocused();
});

test('on a 10-inch tablet in portrait, the picked person and the card field are on one screen', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  const person = await cardless(request, 5);
  await signInAndWait(page, DEMO.frontDesk);
  await expect(page.getByRole('combobox', { name: 'Find a person' })).toBeFocused();
  await page.keyboard.type(person.name.split(' ')[0]!);
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.getByRole('option').first().click();
  await expect(page.locator('#person-heading')).toBeVisible();
  await expect(page.getByLabel(/card number/i)).toBeInViewport();
  await expect(page.getByRole('combobox', { name: 'Find a person' })).toBeInViewport();
});
