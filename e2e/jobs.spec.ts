/**
 * Bulk work as server-side jobs (issue 19): a CSV import with bad rows (each error shown, the rest applied), the same
 * file again (all unchanged), offboarding three people, and a job that finishes with its tab closed.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoSeriousA11yViolations, sandbox, signInAndWait, type SandboxUser } from './helpers';

// In order: the bulk test acts on the people the closed-tab import adds.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
/** Rows of people at the first site, named to sort after everyone else (other tests take the first by name). */
function peopleCsv(tag: string, n: number, bad: string[] = []) {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `Zz ${tag} ${String(i + 1).padStart(3, '0')},zz.${tag}.${i + 1}.${stamp}@example.com,,,Koramangala Hub,,,,`,
  );
  return ['Name,Email,Phone,Employee code,Home site,Roles,Card number,Access expires,Doors', ...rows, ...bad].join(
    '\n',
  );
}

async function chooseFile(page: Page, name: string, csv: string) {
  await page.getByLabel(/CSV file/).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

test('import 50 rows with 5 bad ones: errors shown per row, 45 applied; the same file again is all unchanged', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const bad = [
    `,nameless.${stamp}@example.com,,,Koramangala Hub,,,,`,
    `Zz Bad Email,not-an-email,,,Koramangala Hub,,,,`,
    `Zz Bad Site,zz.badsite.${stamp}@example.com,,,Atlantis,,,,`,
    `Zz Twin,zz.imp.1.${stamp}@example.com,,,Koramangala Hub,,,,`,
    `Zz Bad Date,zz.baddate.${stamp}@example.com,,,Koramangala Hub,,,31/02/2027,`,
  ];
  const csv = peopleCsv('imp', 45, bad);
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/users');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import people' })).toBeVisible();
  await chooseFile(page, 'tenants.csv', csv);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-counts')).toHaveText(
    '45 new · 0 to update · 0 unchanged · 5 with errors (skipped)',
  );
  await page.getByLabel('Show errors only').check();
  const errors = page.locator('[data-testid="import-row"][data-verdict="error"]');
  await expect(errors).toHaveCount(5);
  await expect(errors.filter({ hasText: 'Enter a name.' })).toHaveCount(1);
  await expect(errors.filter({ hasText: '“not-an-email” is not an email address.' })).toHaveCount(1);
  await expect(errors.filter({ hasText: 'There is no site “Atlantis”.' })).toHaveCount(1);
  await expect(errors.filter({ hasText: 'Same email as line 2; the first row wins.' })).toHaveCount(1);
  await expect(errors.filter({ hasText: 'is not a date' })).toHaveCount(1);
  expect((await sandbox.state(request)).users.some((u: SandboxUser) => u.name === 'Zz imp 001')).toBe(false);
  await expectNoSeriousA11yViolations(page, 'import check');

  await page.getByRole('button', { name: 'Import 45 people' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('job-counts')).toHaveText('50 of 50 · 45 done · 0 unchanged · 5 failed');
  const imported = ((await sandbox.state(request)).users as SandboxUser[]).filter((u) => u.name.startsWith('Zz imp '));
  expect(imported).toHaveLength(45);
  expect(imported.every((u) => u.homeSiteId === 1)).toBe(true);
  const result = await (
    await page.request.get(
      `${new URL(page.url()).origin}${await page.getByRole('link', { name: 'Download result CSV' }).getAttribute('href')}`,
    )
  ).text();
  expect(result.split('\r\n')[0]).toBe('"line","name","email","status","outcome","person_id","message"');
  expect(result).toContain('"created"');

  // The same file again: every good row matches someone already there.
  await page.goto('/users/import');
  await chooseFile(page, 'tenants.csv', csv);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-counts')).toHaveText(
    '0 new · 0 to update · 45 unchanged · 5 with errors (skipped)',
  );
  await expect(page.getByRole('button', { name: /^Import \d+/ })).toHaveCount(0);
});

test('an import finishes with its tab closed: /jobs shows it done', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const page = await browser.newPage();
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/users/import');
  await chooseFile(page, 'closed-tab.csv', peopleCsv('tab', 20));
  await page.getByRole('button', { name: 'Check file' }).click();
  await page.getByRole('button', { name: 'Import 20 people' }).click();
  await expect(page.getByTestId('job')).toBeVisible();
  await page.close(); // the operator walks away

  const later = await browser.newPage();
  await signInAndWait(later, DEMO.siteAdmin);
  await later.goto('/jobs');
  const job = later.getByTestId('job').filter({ hasText: 'Import of closed-tab.csv (20 rows)' }).first();
  await expect(job.getByTestId('job-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(job.getByTestId('job-counts')).toHaveText('20 of 20 · 20 done · 0 unchanged · 0 failed');
  const users = (await sandbox.state(request)).users as SandboxUser[];
  expect(users.filter((u) => u.name.startsWith('Zz tab '))).toHaveLength(20);
  await later.close();
});

test('offboard 3 people: cards back, every door gone, deactivated', async ({ page, request }) => {
  test.setTimeout(60_000);
  const state = await sandbox.state(request);
  const chosen = (state.users as SandboxUser[])
    .filter((u) => u.homeSiteId === 1 && u.credentialId && !u.deactivatedOn && !u.name.startsWith('Zz'))
    .sort((a, b) => b.name.localeCompare(a.name))
    .slice(0, 3);
  expect(chosen).toHaveLength(3);
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto(`/users/offboard?ids=${chosen.map((p) => p.id).join(',')}`);
  const list = page.getByRole('list', { name: 'People to offboard' });
  for (const p of chosen) await expect(list).toContainText(p.name);
  await page.getByRole('button', { name: 'Offboard 3 people' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('job-counts')).toHaveText('3 of 3 · 3 done · 0 unchanged · 0 failed');
  const after = await sandbox.state(request);
  for (const p of chosen) {
    const user = (after.users as SandboxUser[]).find((u) => u.id === p.id)!;
    expect(user.credentialId).toBeNull();
    expect(user.deactivatedOn).not.toBeNull();
    // Doors are gone, or going: a removal is pending until each door's reader syncs; no grant is left pending.
    const pending = after.pending as { userId: number; accessPointId: number; action: string }[];
    for (const door of after.permissions as { accessPointId: number; userIds: number[] }[])
      if (door.userIds.includes(p.id))
        expect(pending).toContainEqual(
          expect.objectContaining({ userId: p.id, accessPointId: door.accessPointId, action: 'revoke' }),
        );
    expect(pending.some((x) => x.userId === p.id && x.action === 'grant')).toBe(false);
  }
  // Each person is in the audit log under the job.
  await page.goto('/audit?action=people.offboard');
  await expect(
    page.getByTestId('audit-sentence').filter({ hasText: `Sanjay Siteadmin offboarded ${chosen[0]!.name}` }),
  ).toHaveCount(1);
});

test('deactivate everyone matching a filter: the filter goes to the server, the job changes them all', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  // The 20 people the closed-tab import above added ("Zz tab …").
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/users?search=Zz%20tab');
  await page.getByTestId('bulk-by-filter').getByRole('link', { name: 'Deactivate…' }).click();
  await expect(page.getByTestId('bulk-count')).toContainText('20 people match');
  await page.getByRole('button', { name: 'Deactivate 20 people' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('job-counts')).toHaveText('20 of 20 · 20 done · 0 unchanged · 0 failed');
  const tab = ((await sandbox.state(request)).users as SandboxUser[]).filter((u) => u.name.startsWith('Zz tab '));
  expect(tab).toHaveLength(20);
  expect(tab.every((u) => u.deactivatedOn !== null)).toBe(true);
});

test('offboarding from a list of emails: the people at my sites are found, the rest counted', async ({
  page,
  request,
}) => {
  const users = (await sandbox.state(request)).users as SandboxUser[];
  const mine = users
    .filter((u) => u.homeSiteId === 1 && u.email && !u.deactivatedOn && !u.name.startsWith('Zz'))
    .slice(0, 2);
  const elsewhere = users.find((u) => u.homeSiteId !== 1 && u.email)!;
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/users/offboard');
  await page
    .getByLabel('Emails, employee codes or phones (one per line)')
    .fill(['email', ...mine.map((u) => u.email!.toUpperCase()), elsewhere.email!, 'nobody@example.com'].join('\n'));
  await page.getByRole('button', { name: 'Find them' }).click();
  const list = page.getByRole('list', { name: 'People to offboard' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  for (const u of mine) await expect(list).toContainText(u.name);
  // Someone at another site is not named: counted with the unknown entry.
  await expect(page.getByText('2 entries match nobody at your sites.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Offboard 2 people' })).toBeVisible();
});
