/**
 * `npm run screenshots`: every page at 1440 px and 390 px (and the front desk on a 10-inch tablet), as a signed-in
 * super admin or front desk, into screenshots/<width>/<page>.png — to compare a change by eye. Not part of `npm test`:
 * it asserts only that each page rendered its heading.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO, sandbox, signIn, signInAndWait } from '../helpers';

const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

async function shoot(page: Page, width: number, name: string) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // Skeletons and live lists settle before the picture.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: `screenshots/${width}/${name}.png`, fullPage: true });
}

for (const size of WIDTHS)
  test(`pages at ${size.width} px`, async ({ page, request }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    const state = await sandbox.state(request);
    const person = (state.users as { id: number; homeSiteId: number; credentialId: string | null }[]).find(
      (u) => u.homeSiteId === 1 && u.credentialId,
    )!;
    await page.goto('/sign-in');
    await shoot(page, size.width, 'sign-in');
    await signIn(page, DEMO.admin);
    await expect(page.getByTestId('signed-in-as')).toBeAttached();
    const pages: [string, string][] = [
      ['home', '/'],
      ['sites', '/sites'],
      ['site', '/sites/1'],
      ['door', '/sites/1/doors/501'],
      ['matrix', '/sites/1/permissions'],
      ['people', '/users'],
      ['person', `/users/${person.id}`],
      ['person-doors', `/users/${person.id}/permissions`],
      ['person-new', '/users/new'],
      ['front-desk', '/front-desk'],
      ['front-desk-person', `/front-desk?person=${person.id}`],
      ['visitors', '/visitors'],
      ['visitor-new', '/visitors/new'],
      ['jobs', '/jobs'],
      ['import', '/users/import'],
      ['cards', '/cards'],
      ['activity', '/activity'],
      ['audit', '/audit'],
      ['operators', '/operators'],
      ['account', '/account'],
      ['not-found', '/no-such-page'],
    ];
    for (const [name, path] of pages) {
      await page.goto(path);
      await shoot(page, size.width, name);
    }
    if (size.width < 1024) {
      await page.goto('/');
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.screenshot({ path: `screenshots/${size.width}/menu-open.png` });
    }
    await page.context().clearCookies();
    await signInAndWait(page, DEMO.frontDesk);
    await page.goto('/users');
    await shoot(page, size.width, 'denied');
  });

test('front desk on a 10-inch tablet in portrait', async ({ page, request }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  const person = (
    (await sandbox.state(request)).users as { id: number; homeSiteId: number; credentialId: string | null }[]
  ).find((u) => u.homeSiteId === 1 && !u.credentialId)!;
  await signInAndWait(page, DEMO.frontDesk);
  await page.goto(`/front-desk?person=${person.id}`);
  await shoot(page, 800, 'front-desk-person');
});
