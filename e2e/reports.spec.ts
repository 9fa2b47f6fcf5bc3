/**
 * The auditor's pack (issue 31): every report's CSV names its columns and has exactly the rows its page shows, in the
 * same order; a person deactivated while still holding a door is a finding of "Leavers who still have access"; a site
 * admin cannot run a report on another site's doors, nor the operators report.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO,
  craftedActionPost,
  holdsDoor,
  sandbox,
  serverActionId,
  signInAndWait,
  type SandboxState,
} from './helpers';

/** A CSV line's cells, as a spreadsheet reads them back: a leading `'` only neutralises a formula (=, +, -, @). */
const cells = (line: string) =>
  [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"').replace(/^'(?=[=+\-@])/, ''));

/** The page's table (header and every shown row) and the CSV's, for the same report. */
async function pageAndCsv(page: Page, report: string, query: string) {
  await page.goto(`/reports/${report}?${query}`);
  const count = Number(/^(\d+) rows?/.exec(await page.getByTestId('report-count').innerText())![1]);
  const headers = count > 0 ? await page.getByRole('columnheader').allInnerTexts() : [];
  const rows = await page
    .getByTestId('report-row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const link = page.getByRole('link', { name: 'Download CSV' });
  const csv = await (await page.request.get((await link.getAttribute('href'))!)).text();
  const [csvHeader, ...csvRows] = csv.trim().split(/\r?\n/).map(cells);
  return { count, headers, rows, csvHeader: csvHeader!, csvRows };
}

const setActive = (page: Page, userIds: number[], active: boolean) =>
  craftedActionPost(
    page,
    '/users',
    serverActionId('lib/actions/people/set-people-active.ts', 'setPeopleActiveAction'),
    [null, { userIds, active }],
  );

test('each report’s CSV has the page’s columns and rows; a deactivated person still holding a door is a finding', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const state = (await sandbox.state(page.request)) as SandboxState;
  const door = state.accessPoints.find((d) => d.siteId === 1)!;
  const leaver = state.users.find(
    (u) =>
      u.homeSiteId === 1 &&
      !u.deactivatedOn &&
      holdsDoor(state, u.id, door.id) &&
      state.users.filter((o) => o.name === u.name).length === 1,
  )!;
  await signInAndWait(page, DEMO.admin);
  expect((await setActive(page, [leaver.id], false)).text).toContain('"ok":true');
  try {
    for (const [report, query] of [
      ['door-holders', 'site=1'],
      ['leavers', 'site=1'],
      ['unused', 'site=1&days=30'],
      ['visitors', 'site=1'],
      ['operators', ''],
    ] as const) {
      const { count, headers, rows, csvHeader, csvRows } = await pageAndCsv(page, report, query);
      expect(csvRows, report).toHaveLength(count);
      if (count === 0) continue;
      expect(csvHeader, report).toEqual(headers);
      expect(csvRows.slice(0, rows.length), report).toEqual(rows);
      if (report === 'leavers') {
        const finding = rows.find((r) => r[1] === leaver.name);
        expect(finding?.[2]).toBe('deactivated');
        expect(finding?.[4]).toContain(door.name);
      }
    }
  } finally {
    await setActive(page, [leaver.id], true);
  }
  await page.goto('/audit?action=reports.export');
  await expect(page.getByText('a report of the auditor’s pack').first()).toBeVisible();
});

test('a site admin reports on their own sites only, and not on operators', async ({ page }) => {
  await signInAndWait(page, DEMO.siteAdmin);
  await page.goto('/reports');
  await expect(page.getByRole('link', { name: 'Operators and their access' })).toHaveCount(0);
  expect((await page.request.get('/api/reports/export?report=door-holders&site=2')).status()).toBe(404);
  expect((await page.request.get('/api/reports/export?report=operators')).status()).toBe(404);
  const own = await page.request.get('/api/reports/export?report=unused&site=1&days=365');
  expect(own.status()).toBe(200);
  expect((await own.text()).split('\n')[0]).toContain('"person","door"');
});
