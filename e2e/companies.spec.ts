import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  DEMO,
  craftedActionPost,
  expectNoSeriousA11yViolations,
  sandbox,
  serverActionId,
  signInAndWait,
} from './helpers';

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
  const values = await companyValues(request);
  // A value held only at site 1 that no earlier run of this test linked (the list greys out taken ones).
  await signInAndWait(page, DEMO.admin);
  await page.goto('/companies/new');
  const options = await page.getByLabel('Spintly value (optional)').locator('option:not([disabled])').allTextContents();
  const [termId, value] = [...values].find(
    ([, v]) => v.sites.size === 1 && v.sites.has(1) && options.includes(`Company: ${v.name}`),
  )!;
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
