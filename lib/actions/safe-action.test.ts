import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { describeOutcome, type AuditReason } from '../audit/sentence';
import type { SessionOperator } from '../auth/session';
import { Refusal, STEP_UP_REQUIRED, UNKNOWN_OUTCOME } from '../core/refusal';
import { recordStepUp, STEP_UP_WINDOW_MS } from '../auth/step-up';
import { openDatabase, type Database } from '../db';
import { SpintlyError } from '../spintly/errors';

/**
 * defineAction is every server action's front door, so its order is tested here once: session → input → role →
 * per-id scope → run → audit, whatever the outcome. Spintly is a fake that knows two sites, their doors and their
 * people, and counts what it is asked.
 */
let database: Kysely<Database>;
let operator: SessionOperator | null;
const refreshed: number[][] = [];
const spintlyCalls: string[] = [];
const SITES = [
  { id: 1, name: 'Koramangala Hub' },
  { id: 2, name: 'Indiranagar Loft' },
];
const DOORS = [
  { id: 501, name: 'Main Entrance', siteId: 1 },
  { id: 601, name: 'Loft Door', siteId: 2 },
];
const PEOPLE = [
  { id: 1001, name: 'Ravi Kumar', homeSiteId: 1 },
  { id: 2001, name: 'Asha Rao', homeSiteId: 2 },
];
const fakeSpintly = {
  allSites: async () => (spintlyCalls.push('allSites'), SITES),
  allDoors: async () => (spintlyCalls.push('allDoors'), DOORS),
  allAccessPoints: async (siteId: number) => (
    spintlyCalls.push('allAccessPoints'),
    DOORS.filter((d) => d.siteId === siteId)
  ),
  listUsers: async ({ userIds }: { userIds: number[] }) => (
    spintlyCalls.push('listUsers'),
    { items: PEOPLE.filter((p) => userIds.includes(p.id)), pagination: { total: 0, page: 1, perPage: 10 } }
  ),
};

vi.mock('../auth/session', () => ({
  currentOperator: async () => operator,
  currentSessionToken: async () => ({ sid: 'session-1' }),
}));
vi.mock('../db', async (original) => ({ ...(await original<object>()), db: async () => database }));
vi.mock('../spintly', () => ({ spintly: () => fakeSpintly }));
vi.mock('../directory', () => ({
  refreshPeople: async (ids: number[]) => void refreshed.push(ids),
  directoryDb: async () => ({ db: database, dialect: 'sqlite' }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to });
  },
  unstable_rethrow: (error: unknown) => {
    if (error instanceof Error && error.message === 'NEXT_REDIRECT') throw error;
  },
}));

const { defineAction } = await import('./safe-action');

const siteAdmin: SessionOperator = {
  id: 'op-1',
  email: 'sanjay@demo.local',
  name: 'Sanjay Siteadmin',
  role: 'site_admin',
  siteIds: [1],
  companyIds: [],
  mustChangePassword: false,
  secondFactorSince: null,
  mustEnrolSecondFactor: false,
};

const audit = async () => {
  const rows = await database.selectFrom('audit_log').selectAll().orderBy('at').execute();
  return rows.map((r) => ({
    action: r.action,
    outcome: r.outcome,
    reason: r.reason,
    words: describeOutcome(r.outcome, r.reason as AuditReason | null).text,
    siteId: r.site_id === null ? null : Number(r.site_id),
    detail: r.detail,
    names: r.target_names,
  }));
};

/** A door change as the door page sends it: a door and the people given it. */
let ran: unknown[] = [];
let outcome: () => Promise<{ message?: string; auditDetail?: string }> = async () => ({ message: 'Done.' });
const giveDoor = defineAction({
  name: 'permissions.change_door',
  capability: 'permissions:write',
  input: z.object({ doorId: z.coerce.number().int().positive(), userIds: z.array(z.number().int().positive()).min(1) }),
  targets: (input) => [
    { type: 'door', id: input.doorId },
    ...input.userIds.map((id) => ({ type: 'person' as const, id, part: 'added' as const })),
  ],
  changesPeople: true,
  run: async (input) => {
    ran.push(input);
    return outcome();
  },
});

beforeEach(async () => {
  database = await openDatabase('file::memory:');
  operator = siteAdmin;
  ran = [];
  refreshed.length = 0;
  spintlyCalls.length = 0;
  outcome = async () => ({ message: 'Done.' });
});
afterEach(() => database.destroy());

describe('defineAction', () => {
  it('without a session: refused, nothing run, audited as a session refusal', async () => {
    operator = null;
    expect(await giveDoor(null, { doorId: 501, userIds: [1001] })).toMatchObject({
      ok: false,
      message: /session has ended/,
    });
    expect(ran).toEqual([]);
    expect(await audit()).toMatchObject([{ outcome: 'denied', reason: 'session', words: 'Refused — not signed in' }]);
  });

  it('while a one-time password is still to be replaced: refused unless the action allows it', async () => {
    operator = { ...siteAdmin, mustChangePassword: true };
    expect(await giveDoor(null, { doorId: 501, userIds: [1001] })).toMatchObject({ ok: false });
    expect(ran).toEqual([]);
    expect(await audit()).toMatchObject([{ outcome: 'denied', reason: 'session' }]);
  });

  it('input its schema refuses: field errors back, nothing sent to Spintly, audited as invalid', async () => {
    const answer = await giveDoor(null, { doorId: 'abc', userIds: [] });
    expect(answer).toMatchObject({ ok: false, message: 'Some fields need attention.' });
    expect(Object.keys((answer as { fieldErrors: object }).fieldErrors).sort()).toEqual(['doorId', 'userIds']);
    expect(ran).toEqual([]);
    expect(spintlyCalls).toEqual([]);
    expect(await audit()).toMatchObject([{ outcome: 'invalid', reason: 'validation' }]);
  });

  it('a role without the capability: refused before any Spintly call, audited as a role refusal', async () => {
    operator = { ...siteAdmin, role: 'front_desk' };
    expect(await giveDoor(null, { doorId: 501, userIds: [1001] })).toMatchObject({
      message: 'Your role does not allow this.',
    });
    expect(ran).toEqual([]);
    expect(spintlyCalls).toEqual([]);
    expect(await audit()).toMatchObject([{ reason: 'role', words: 'Refused — not allowed for their role' }]);
  });

  it('checks every id: a door or a person of another site, or one that does not exist, refuses the whole action', async () => {
    for (const input of [
      { doorId: 601, userIds: [1001] }, // the door is at site 2
      { doorId: 501, userIds: [1001, 2001] }, // the second person lives at site 2
      { doorId: 501, userIds: [9999] }, // nobody
      { doorId: 999, userIds: [1001] }, // no door
    ]) {
      const answer = await giveDoor(null, input);
      expect(answer).toMatchObject({ ok: false, message: /outside the sites you manage, or it no longer exists/ });
    }
    expect(ran).toEqual([]);
    const records = await audit();
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.outcome === 'denied' && r.reason === 'scope')).toBe(true);
    // What the check read is named in the record (the door at site 2, Asha Rao at site 2).
    const named = records.map((r) => r.names).join('\n');
    expect(named).toContain('Loft Door');
    expect(named).toContain('Asha Rao');
  });

  it('within scope: runs once, reads the changed people back, audits the targets by name with the site', async () => {
    const answer = await giveDoor(null, { doorId: 501, userIds: [1001] });
    expect(answer).toEqual({ ok: true, message: 'Done.' });
    expect(ran).toEqual([{ doorId: 501, userIds: [1001] }]);
    expect(refreshed).toEqual([[1001]]);
    expect(await audit()).toMatchObject([
      { outcome: 'ok', reason: null, siteId: 1, names: 'Main Entrance\nRavi Kumar', words: 'Done' },
    ]);
  });

  it('super admins reach every site without Spintly being asked where each person lives', async () => {
    operator = { ...siteAdmin, role: 'super_admin', siteIds: [] };
    expect(await giveDoor(null, { doorId: 601, userIds: [2001] })).toMatchObject({ ok: true });
    expect(spintlyCalls).not.toContain('listUsers');
  });

  it('a Refusal from the work: its words and field back, audited as refused with its reason', async () => {
    outcome = async () => {
      throw new Refusal('Card 123 already belongs to someone.', { field: 'credentialId', code: 'card_taken' });
    };
    expect(await giveDoor(null, { doorId: 501, userIds: [1001] })).toEqual({
      ok: false,
      message: 'Card 123 already belongs to someone.',
      fieldErrors: { credentialId: ['Card 123 already belongs to someone.'] },
      code: 'card_taken',
    });
    expect(refreshed).toEqual([[1001]]);
    expect(await audit()).toMatchObject([{ outcome: 'failed', reason: 'conflict', words: 'Refused — conflict' }]);
  });

  it('a Spintly timeout on a write: "unknown outcome" for the screen, a failure in the log, people read back', async () => {
    outcome = async () => {
      throw new SpintlyError({ kind: 'timeout', endpoint: 'patchDoorUsers' }).withUnknownOutcome();
    };
    expect(await giveDoor(null, { doorId: 501, userIds: [1001] })).toMatchObject({ ok: false, code: UNKNOWN_OUTCOME });
    expect(refreshed).toEqual([[1001]]);
    expect(await audit()).toMatchObject([
      { outcome: 'failed', reason: null, words: 'Failed', detail: 'spintly timeout, outcome unknown' },
    ]);
  });

  it('an error of our own: a generic message (never its text), a failure in the log', async () => {
    outcome = async () => {
      throw new TypeError('secret internals');
    };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await giveDoor(null, { doorId: 501, userIds: [1001] });
    quiet.mockRestore();
    expect(answer).toMatchObject({ ok: false, message: /Something went wrong on our side/ });
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(await audit()).toMatchObject([{ outcome: 'failed', detail: 'unexpected error' }]);
  });

  describe('step-up', () => {
    /** A change that asks for a fresh code when it is about more than 2 people. */
    const bulkChange = defineAction({
      name: 'jobs.start_selection',
      capability: 'people:write',
      input: z.object({ userIds: z.array(z.number().int().positive()).min(1) }),
      targets: () => [],
      stepUp: (input) => input.userIds.length > 2,
      run: async (input) => {
        ran.push(input);
        return {};
      },
    });
    const enrolled = () => ({ ...siteAdmin, secondFactorSince: '2026-12-01T00:00:00.000Z' });

    it('an enrolled operator without a fresh code: refused with step_up_required, nothing run, audited', async () => {
      operator = enrolled();
      expect(await bulkChange(null, { userIds: [1001, 1002, 1003] })).toMatchObject({
        ok: false,
        code: STEP_UP_REQUIRED,
        message: /fresh code/,
      });
      expect(ran).toEqual([]);
      expect(await audit()).toMatchObject([{ outcome: 'denied', reason: 'step_up', words: /second-factor code/ }]);
    });

    it('a code re-entered in this session within 10 minutes lets it run; an older one does not', async () => {
      operator = enrolled();
      await recordStepUp(database, 'session-1', siteAdmin.id, new Date(Date.now() - STEP_UP_WINDOW_MS - 1000));
      expect(await bulkChange(null, { userIds: [1001, 1002, 1003] })).toMatchObject({ code: STEP_UP_REQUIRED });
      await recordStepUp(database, 'session-1', siteAdmin.id);
      expect(await bulkChange(null, { userIds: [1001, 1002, 1003] })).toMatchObject({ ok: true });
      expect(ran).toHaveLength(1);
    });

    it('not asked when the input does not call for it, or the operator has no second factor to ask for', async () => {
      operator = enrolled();
      expect(await bulkChange(null, { userIds: [1001, 1002] })).toMatchObject({ ok: true });
      operator = siteAdmin;
      expect(await bulkChange(null, { userIds: [1001, 1002, 1003] })).toMatchObject({ ok: true });
      expect(ran).toHaveLength(2);
    });

    it('while REQUIRE_2FA still holds the operator at enrolment: every other action refused', async () => {
      operator = { ...siteAdmin, mustEnrolSecondFactor: true };
      expect(await giveDoor(null, { doorId: 501, userIds: [1001] })).toMatchObject({
        ok: false,
        message: /two-factor sign-in/,
      });
      expect(ran).toEqual([]);
      expect(await audit()).toMatchObject([{ outcome: 'denied', reason: 'session', detail: /second factor/ }]);
    });
  });
});
