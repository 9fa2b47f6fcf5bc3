/**
 * Access reviews (issue 31): a site admin starts a review of site 1 (its site admins review it, unreviewed items are
 * kept), keeps one person's door and revokes another's, and closes it; the revocation lands in Spintly, the evidence
 * CSV has both decisions with the reviewer, and an item nobody decided follows the campaign's default.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoSeriousA11yViolations, holdsDoor, sandbox, signInAndWait, type SandboxState } from './helpers';

/** A site-1 door two people with names of their own hold now: one to keep, one to revoke. */
async function twoHolders(page: Page) {
  const state = (await sandbox.state(page.request)) as SandboxState;
  const named = new Map<string, number>();
  for (const u of state.users) named.set(u.name, (named.get(u.name) ?? 0) + 1);
  const unique = (id: number) => {
    const user = state.users.find((u) => u.id === id);
    return user && !user.deactivatedOn && named.get(user.name) === 1 ? user : undefined;
  };
  for (const door of state.accessPoints.filter((d) => d.siteId === 1)) {
    const holders = (state.permissions.find((p) => p.accessPointId === door.id)?.userIds ?? [])
      .map(unique)
      .filter((u) => u !== undefined);
    if (holders.length >= 2) return { door, keep: holders[0]!, revoke: holders[1]! };
  }
  throw new Error('no site-1 door with two holders');
}

async function find(page: Page, text: string) {
  await page.getByLabel('Find a person or door').fill(text);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(text).replace(/%20/g, '\\+')}`));
}

test('a site admin reviews site 1: keeps one door, revokes another, closes; the revocation lands in Spintly and the evidence says who decided', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { door, keep, revoke } = await twoHolders(page);
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/reviews');
  await page.getByRole('link', { name: 'New review' }).click();
  // Bad input first: nothing started, what was typed stays.
  await page.getByLabel('Due on').fill('31/02/2026');
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByText('Name the review')).toBeVisible();
  await expect(page.getByLabel('Due on')).toHaveValue('31/02/2026');

  const name = `Quarterly review ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Site', { exact: true }).selectOption('1');
  await page.getByLabel('Due on').fill('31/12/2026');
  await page.getByLabel('Items nobody reviews by the close').selectOption('keep');
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page).toHaveURL(/\/reviews\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const total = Number(/of (\d+) decided/.exec(await page.getByTestId('review-progress').innerText())![1]);
  expect(total).toBeGreaterThan(2);

  await find(page, keep.name);
  await page.getByRole('button', { name: `Keep ${door.name} for ${keep.name}` }).click();
  await expect(page.getByText('1 item kept.')).toBeVisible();
  await find(page, revoke.name);
  await page.getByRole('button', { name: `Revoke ${door.name} for ${revoke.name}` }).click();
  await expect(page.getByText('1 item to be revoked.')).toBeVisible();
  await expect(page.getByTestId('review-progress')).toContainText(`2 of ${total} decided: 1 kept, 1 revoked`);

  // Close: the rest are kept by default, and the revocation is applied as a job.
  await page.getByRole('button', { name: 'Close review' }).click();
  await page
    .getByRole('alertdialog', { name: 'Close this review?' })
    .getByRole('button', { name: 'Close review' })
    .click();
  await expect(page.getByTestId('job-status')).toHaveText('Finished', { timeout: 30_000 });
  await expect(page.getByTestId('review-progress')).toContainText('Closed on');
  await expect(page.getByRole('button', { name: 'Close review' })).toHaveCount(0);

  await sandbox.sync(page.request);
  const after = (await sandbox.state(page.request)) as SandboxState;
  expect(holdsDoor(after, revoke.id, door.id)).toBe(false);
  expect(holdsDoor(after, keep.id, door.id)).toBe(true);

  const csv = await (
    await page.request.get(`/api/reviews/export?id=${/\/reviews\/([0-9a-f-]{36})/.exec(page.url())![1]}`)
  ).text();
  // Every cell is quoted: read them back by column name.
  const cells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
  const [header, ...rows] = csv.trim().split(/\r?\n/).map(cells);
  const column = (name: string) => header!.indexOf(name);
  expect(header).toEqual(expect.arrayContaining(['person', 'door', 'decision', 'reviewer', 'decidedAt', 'outcome']));
  const row = (person: string) => rows.find((r) => r[column('person')] === person && r[column('door')] === door.name)!;
  const decisionOf = (r: string[]) => [r[column('decision')], r[column('reviewer')], r[column('outcome')]];
  expect(decisionOf(row(keep.name))).toEqual(['keep', 'Sanjay Siteadmin', 'Kept']);
  expect(decisionOf(row(revoke.name))).toEqual(['revoke', 'Sanjay Siteadmin', 'Door taken away']);
  expect(row(revoke.name)[column('decidedAt')]).not.toBe('');
  const defaulted = rows.filter((r) => r[column('reviewer')] === 'The campaign’s default');
  expect(defaulted).toHaveLength(total - 2);
  expect(decisionOf(defaulted[0]!)).toEqual(['keep', 'The campaign’s default', 'Kept']);

  await page.goto('/audit?action=reviews.');
  await expect(
    page.getByText(`closed the access review “${name}” (${total - 2} unreviewed items kept by default)`),
  ).toBeVisible();
});
