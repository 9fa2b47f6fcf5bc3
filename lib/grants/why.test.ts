import { describe, expect, it } from 'vitest';
import { explainAccess, sourcesText, type ExplainedGrant, type WhyInput } from './why';

const NOW = '2026-12-05T10:00:00.000Z';
const grant = (over: Partial<ExplainedGrant>): ExplainedGrant => ({
  id: 'g',
  source: 'direct',
  startsAt: null,
  endsAt: null,
  startedAt: '2026-12-02T04:30:00.000Z',
  endedAt: null,
  grantedByName: 'Asha Admin',
  reason: null,
  createdAt: '2026-12-02T04:30:00.000Z',
  ...over,
});
const input = (over: Partial<WhyInput>): WhyInput => ({
  person: { name: 'Meera Shah', active: true, accessExpired: false, accessExpiresText: null },
  door: { name: 'Gym', siteName: 'Koramangala Hub', state: 'assigned', pendingAction: null },
  pendingSinceText: null,
  grants: [],
  show: { time: (iso) => iso.slice(0, 16), day: (iso) => iso.slice(0, 10) },
  now: NOW,
  ...over,
});

describe('Why? for one person and one door', () => {
  it('names each source that gives the door: direct by whom, until when; held before the portal knew', () => {
    const why = explainAccess(
      input({
        grants: [
          grant({ grantedByName: 'Spintly', reason: 'Held before' }),
          grant({ id: 't', endsAt: '2026-12-05T14:00:00.000Z', reason: 'Contractor' }),
          grant({ id: 'old', endedAt: '2026-12-03T00:00:00.000Z' }),
        ],
      }),
    );
    expect(why.verdict).toBe('Meera Shah can open Gym.');
    expect(why.reasons).toEqual([
      'The reader of Gym has the permission.',
      'Held in Spintly before the portal recorded where access comes from.',
      'Given directly by Asha Admin on 2026-12-02, until 2026-12-05T14:00 (“Contractor”).',
    ]);
  });

  it('names the access group (and the company through which the person is in it) beside a direct grant', () => {
    const grants = [
      grant({}),
      grant({
        id: 'g1',
        source: 'group',
        group: { name: 'Gym members', via: null },
        endsAt: '2026-12-31T18:30:00.000Z',
      }),
      grant({ id: 'g2', source: 'group', grantedByName: 'Sanjay', group: { name: 'Floor 3', via: 'Orbitpay' } }),
    ];
    expect(explainAccess(input({ grants })).reasons.slice(1)).toEqual([
      'Given directly by Asha Admin on 2026-12-02.',
      'Given by the access group Gym members, added by Asha Admin on 2026-12-02, until 2026-12-31T18:30.',
      'Given by the access group Floor 3 (as a member of Orbitpay), added by Sanjay on 2026-12-02.',
    ]);
    expect(sourcesText(grants, NOW, input({}).show)).toBe(
      'Direct (Asha Admin, 2026-12-02); Group Gym members until 2026-12-31T18:30; Group Floor 3 via Orbitpay',
    );
  });

  it('a visit’s door says it ends with the visit', () => {
    const visit = grant({ id: 'v', source: 'visit', grantedByName: 'Farah Desk' });
    expect(explainAccess(input({ grants: [visit] })).reasons).toContain(
      'Given for a visit registered by Farah Desk on 2026-12-02; it ends with the visit.',
    );
    expect(sourcesText([visit], NOW, input({}).show)).toBe('Visit (2026-12-02)');
  });

  it('says what is missing when they cannot: deactivated, access ended, no source and who could give it', () => {
    const why = explainAccess(
      input({
        person: { name: 'Meera Shah', active: false, accessExpired: true, accessExpiresText: '30/11/2026' },
        door: { name: 'Gym', siteName: 'Koramangala Hub', state: 'not_assigned', pendingAction: null },
      }),
    );
    expect(why.opens).toBe(false);
    expect(why.verdict).toBe('Meera Shah cannot open Gym.');
    expect(why.reasons).toEqual([
      'Meera Shah is deactivated: no door opens for them until they are activated.',
      'Their access as a whole ended on 30/11/2026.',
      'No source gives it. The admins of Koramangala Hub (or a super admin) can give it.',
    ]);
  });

  it('a pending grant opens once the reader syncs; one given in Spintly without a record says so', () => {
    const why = explainAccess(
      input({
        door: { name: 'Gym', siteName: 'Koramangala Hub', state: 'pending', pendingAction: 'grant' },
        pendingSinceText: '10:05',
      }),
    );
    expect(why.verdict).toBe('Meera Shah will be able to open Gym once its reader syncs.');
    expect(why.reasons).toEqual([
      'The permission is waiting for the reader of Gym (since 10:05): it opens once the reader syncs (is it online?).',
      'Given in Spintly (not through the portal, or before it kept records).',
    ]);
  });
});

describe('a door’s sources in a few words', () => {
  it('lists what gives it now, and calls a holder without a record "From Spintly"', () => {
    const show = input({}).show;
    expect(sourcesText([], NOW, show)).toBe('From Spintly');
    expect(
      sourcesText(
        [grant({ grantedByName: 'Spintly' }), grant({ id: 't', endsAt: '2026-12-05T14:00:00.000Z' })],
        NOW,
        show,
      ),
    ).toBe('From Spintly; Direct until 2026-12-05T14:00 (Asha Admin, 2026-12-02)');
    expect(sourcesText([grant({ endsAt: '2026-12-05T09:00:00.000Z' })], NOW, show)).toBe('From Spintly');
  });
});
