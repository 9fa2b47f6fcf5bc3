import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeOutcome, type AuditReason } from '../audit/sentence';
import type { SessionOperator } from '../auth/session';
import { openDatabase, type Database } from '../db';
import { SpintlyError } from '../spintly/errors';

let database: Kysely<Database>;
let operator: SessionOperator | null;
vi.mock('../auth/session', () => ({ currentOperator: async () => operator }));
vi.mock('../db', async (original) => ({ ...(await original<object>()), db: async () => database }));
vi.mock('../spintly', () => ({ spintly: () => ({}) }));

const { defineRoute } = await import('./define-route');

const siteAdmin: SessionOperator = {
  id: 'op-1',
  email: 'sanjay@demo.local',
  name: 'Sanjay',
  role: 'site_admin',
  siteIds: [1],
  companyIds: [],
  mustChangePassword: false,
  secondFactorSince: null,
  mustEnrolSecondFactor: false,
};
const audit = () => database.selectFrom('audit_log').selectAll().execute();
const get = (query = '') => new Request(`http://portal.test/api/things/export${query}`);

const exportRoute = defineRoute({
  name: 'cards.export',
  capability: 'cards:read',
  query: z.object({ site: z.coerce.number().int().positive().optional(), page: z.coerce.number().default(1) }),
  audit: true,
  run: async (query) => ({
    csv: {
      filename: 'things.csv',
      header: ['id', 'name'],
      rows: [
        [1, '=SUM(A1)'],
        [2, `site ${query.site ?? 'all'}`],
      ],
    },
  }),
});

beforeEach(async () => {
  database = await openDatabase('file::memory:');
  operator = siteAdmin;
});
afterEach(() => database.destroy());

describe('defineRoute', () => {
  it('answers 401 without a session and 403 without the capability, and audits both refusals', async () => {
    operator = null;
    expect((await exportRoute(get())).status).toBe(401);
    operator = { ...siteAdmin, role: 'front_desk' };
    expect((await exportRoute(get())).status).toBe(403);
    const records = await audit();
    expect(records.map((r) => [r.action, r.outcome, r.detail])).toEqual([
      ['cards.export', 'denied', 'no valid session'],
      ['cards.export', 'denied', 'role front_desk lacks cards:read'],
    ]);
    // Each refusal reads as what it was in /audit: a role refusal is not "outside their sites".
    expect(records.map((r) => describeOutcome(r.outcome, r.reason as AuditReason | null).text)).toEqual([
      'Refused — not signed in',
      'Refused — not allowed for their role',
    ]);
  });

  it('answers 400 to a query its schema refuses, and audits it as invalid', async () => {
    const strict = defineRoute({
      name: 'cards.export',
      capability: 'cards:read',
      query: z.object({ site: z.coerce.number().int().positive() }),
      audit: true,
      run: async () => ({ json: {} }),
    });
    expect((await strict(get('?site=abc'))).status).toBe(400);
    expect((await audit())[0]).toMatchObject({ outcome: 'invalid' });
  });

  it('streams a CSV with formula cells neutralised, audited with its filter and row count once it is sent', async () => {
    const response = await exportRoute(get('?site=1&page=3'));
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text).toBe(`"id","name"\r\n"1","'=SUM(A1)"\r\n"2","site 1"\r\n`);
    const [row] = await audit();
    expect(row).toMatchObject({
      action: 'cards.export',
      outcome: 'ok',
      operator_email: 'sanjay@demo.local',
      site_id: 1,
    });
    expect(JSON.parse(row!.facts!)).toEqual({ filter: 'filter site=1', rows: 2, ending: 'complete' });
  });

  it('reads rows only as the client reads the stream, and audits a download cancelled half way', async () => {
    let produced = 0;
    const big = defineRoute({
      name: 'cards.export',
      capability: 'cards:read',
      query: z.object({}),
      audit: true,
      run: async () => ({
        csv: {
          filename: 'big.csv',
          header: ['n'],
          rows: (async function* () {
            for (let n = 0; n < 100_000; n++) {
              produced++;
              yield [n, 'some text to fill the row'];
            }
          })(),
        },
      }),
    });
    const reader = (await big(get())).body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('"n"\r\n"0",')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // One chunk read and maybe one more buffered: a few thousand rows, not the 100,000 a push-everything stream makes.
    expect(produced).toBeLessThan(10_000);
    await reader.cancel();
    const [row] = await audit();
    expect(row).toMatchObject({ outcome: 'failed' });
    expect(row!.detail).toBe('download cancelled');
    expect(JSON.parse(row!.facts!)).toMatchObject({
      filter: 'no filter',
      ending: 'cancelled',
      rows: expect.any(Number),
    });
  });

  it('maps a Spintly failure to a status once, with the admin’s wording, and audits it as failed', async () => {
    const failing = defineRoute({
      name: 'cards.export',
      capability: 'cards:read',
      query: z.object({}),
      audit: true,
      run: async () => {
        throw new SpintlyError({ kind: 'timeout', endpoint: 'listUsers' });
      },
    });
    const response = await failing(get());
    expect(response.status).toBe(504);
    expect(((await response.json()) as { message: string }).message).toMatch(/took too long/);
    expect((await audit())[0]).toMatchObject({ outcome: 'failed', detail: 'spintly timeout' });
  });

  it('writes no audit record for a route that asks not to be audited (a search box)', async () => {
    const search = defineRoute({
      name: 'people.search',
      capability: 'people:read',
      query: z.object({ q: z.string().catch('') }),
      audit: false,
      run: async ({ q }) => ({ json: { q } }),
    });
    expect(await (await search(get('?q=asha'))).json()).toEqual({ q: 'asha' });
    expect(await audit()).toEqual([]);
  });
});
