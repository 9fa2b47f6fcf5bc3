import { describe, expect, it } from 'vitest';
import { auditSentence, describeOutcome, listNames, type DescribedEntry } from './sentence';

const entry = (over: Partial<DescribedEntry>): DescribedEntry => ({
  action: 'permissions.change_door',
  outcome: 'ok',
  reason: null,
  operatorName: 'Sanjay Siteadmin',
  operatorEmail: 'siteadmin@demo.local',
  targets: [],
  targetIds: [],
  facts: null,
  ...over,
});

describe('auditSentence', () => {
  it('says how and from where someone signed in, and the access groups’ changes', () => {
    const signIn = entry({ action: 'auth.sign_in', facts: { method: 'single_sign_on', address: null } });
    expect(auditSentence(signIn)).toBe('Sanjay Siteadmin signed in with single sign-on');
    expect(auditSentence({ ...signIn, facts: { method: 'password', address: '203.0.113.9' } })).toBe(
      'Sanjay Siteadmin signed in from 203.0.113.9',
    );
    const group = { type: 'group' as const, id: 3, name: 'Gym members' };
    const person = { type: 'person' as const, id: 7, name: 'Ravi Kumar' };
    expect(
      auditSentence(
        entry({
          action: 'groups.add_members',
          targets: [group, { ...person, part: 'added' }, { type: 'company', id: 2, name: 'Orbitpay', part: 'added' }],
          facts: { people: 1, companies: 1, reach: 40, from: null, until: '2026-12-31', job: 'j' },
        }),
      ),
    ).toBe('Sanjay Siteadmin added Ravi Kumar and Orbitpay to the access group Gym members until 31/12/2026');
    expect(
      auditSentence(
        entry({ action: 'groups.apply', targets: [person, group], facts: { job: 'j', item: 1, result: 'kept' } }),
      ),
    ).toBe('Sanjay Siteadmin ended Ravi Kumar’s access through the access group Gym members (still given another way)');
  });

  it('says who gave which door to whom', () => {
    const e = entry({
      targets: [
        { type: 'door', id: 501, name: 'Main Entrance' },
        { type: 'person', id: 7, name: 'Ravi Kumar', part: 'added' },
        { type: 'person', id: 8, name: 'Asha Rao', part: 'added' },
        { type: 'person', id: 9, name: 'Meera Iyer', part: 'added' },
        { type: 'person', id: 10, name: 'Kiran Das', part: 'removed' },
      ],
    });
    expect(auditSentence(e)).toBe(
      'Sanjay Siteadmin gave Main Entrance to Ravi Kumar and 2 others; took Main Entrance from Kiran Das',
    );
    expect(auditSentence({ ...e, targets: e.targets.slice(0, 3) })).toBe(
      'Sanjay Siteadmin gave Main Entrance to Ravi Kumar and Asha Rao',
    );
  });

  it('says a person was given doors, and what was only tried when it did not happen', () => {
    const targets = [
      { type: 'person' as const, id: 7, name: 'Ravi Kumar' },
      { type: 'door' as const, id: 501, name: 'Main Entrance', part: 'added' as const },
      { type: 'door' as const, id: 502, name: 'Lift Lobby', part: 'added' as const },
      { type: 'door' as const, id: 503, name: 'Gym', part: 'added' as const },
    ];
    expect(auditSentence(entry({ action: 'permissions.change_person', targets }))).toBe(
      'Sanjay Siteadmin gave Ravi Kumar Main Entrance and 2 other doors',
    );
    expect(auditSentence(entry({ action: 'permissions.change_person', targets, outcome: 'denied' }))).toBe(
      'Sanjay Siteadmin tried to give Ravi Kumar Main Entrance and 2 other doors',
    );
    expect(
      auditSentence(
        entry({
          action: 'permissions.change_person',
          targets,
          facts: { added: 3, removed: 0, cancelled: 0, outsideEnvelope: 1 },
        }),
      ),
    ).toBe('Sanjay Siteadmin gave Ravi Kumar Main Entrance and 2 other doors (1 outside their company’s doors)');
  });

  it('names cards, created people and exports; falls back to ids for records without names', () => {
    const ravi = [{ type: 'person' as const, id: 7, name: 'Ravi Kumar' }];
    expect(auditSentence(entry({ action: 'cards.issue', targets: ravi, facts: { card: '0004512345' } }))).toBe(
      'Sanjay Siteadmin issued card 0004512345 to Ravi Kumar',
    );
    expect(
      auditSentence(entry({ action: 'cards.replace', targets: ravi, facts: { card: '111', newCard: '222' } })),
    ).toBe('Sanjay Siteadmin replaced card 111 of Ravi Kumar with card 222');
    expect(
      auditSentence(
        entry({
          action: 'people.create',
          targets: [
            { type: 'site', id: 1, name: 'Koramangala Hub' },
            { type: 'person', id: 'new', name: 'Neha Shah', part: 'created' },
          ],
        }),
      ),
    ).toBe('Sanjay Siteadmin added Neha Shah at Koramangala Hub');
    expect(auditSentence(entry({ action: 'cards.export', operatorName: null }))).toBe(
      'siteadmin@demo.local exported the card list as CSV',
    );
    expect(auditSentence(entry({ targetIds: ['509', '1013'] }))).toBe('Sanjay Siteadmin changed who can open door 509');
    expect(auditSentence(entry({ action: 'people.delete', targetIds: ['1', '2'] }))).toBe(
      'Sanjay Siteadmin deleted 2 people',
    );
  });
});

describe('describeOutcome', () => {
  it('tells refusals (the request was wrong or not allowed) from failures (something broke)', () => {
    expect(describeOutcome('ok', null)).toEqual({ category: 'ok', text: 'Done' });
    expect(describeOutcome('invalid', 'validation')).toEqual({ category: 'refused', text: 'Refused — invalid input' });
    expect(describeOutcome('denied', 'role').text).toBe('Refused — not allowed for their role');
    expect(describeOutcome('failed', 'conflict')).toEqual({ category: 'refused', text: 'Refused — conflict' });
    expect(describeOutcome('failed', null)).toEqual({ category: 'failed', text: 'Failed' });
  });
});

describe('listNames', () => {
  it('lists one, two, or the first and a count', () => {
    expect(listNames([])).toBe('nobody');
    expect(listNames([{ type: 'person', id: 1 }])).toBe('person 1');
    expect(
      listNames([
        { type: 'person', id: 1, name: 'A' },
        { type: 'person', id: 2, name: 'B' },
      ]),
    ).toBe('A and B');
  });
});

describe('job sentences', () => {
  const base = {
    outcome: 'ok' as const,
    reason: null,
    operatorName: 'Asha Admin',
    operatorEmail: 'admin@demo.local',
    targetIds: ['7'],
  };
  it('names each item of a job and the job that started', () => {
    expect(
      auditSentence({
        ...base,
        action: 'people.bulk',
        targets: [{ type: 'person', id: 7, name: 'Ravi Kumar' }],
        facts: { job: 'abc', item: 3, result: 'deactivated' },
      }),
    ).toBe('Asha Admin deactivated Ravi Kumar');
    expect(
      auditSentence({
        ...base,
        action: 'people.import',
        targets: [{ type: 'person', id: 7, name: 'Ravi Kumar' }],
        facts: { job: 'abc', item: 1, result: 'created' },
      }),
    ).toBe('Asha Admin added Ravi Kumar by import');
    expect(
      auditSentence({
        ...base,
        action: 'jobs.start_bulk',
        targets: [],
        targetIds: [],
        facts: { job: 'abc', change: 'offboard', people: 120 },
      }),
    ).toBe('Asha Admin started to offboard 120 people matching a filter');
    expect(
      auditSentence({
        ...base,
        action: 'jobs.start_doors',
        targets: [
          { type: 'site', id: 1, name: 'Koramangala Hub' },
          { type: 'door', id: 501, name: 'Gym' },
          { type: 'door', id: 502, name: 'Reception' },
          { type: 'person', id: 7, name: 'Ravi Kumar', part: 'added' },
        ],
        facts: { job: 'abc', doors: 2 },
      }),
    ).toBe('Asha Admin started door access changes on 2 doors at Koramangala Hub');
    expect(
      auditSentence({
        ...base,
        action: 'jobs.start_selection',
        targets: [
          { type: 'person', id: 7, name: 'Ravi Kumar' },
          { type: 'person', id: 8, name: 'Bina Das' },
        ],
        facts: { job: 'abc', change: 'deactivate', people: 2 },
      }),
    ).toBe('Asha Admin started to deactivate Ravi Kumar and Bina Das');
    // A door item of that job reads as the door page's own change does.
    expect(
      auditSentence({
        ...base,
        action: 'permissions.change_door',
        outcome: 'failed',
        targets: [
          { type: 'door', id: 501, name: 'Gym' },
          { type: 'person', id: 7, name: 'Ravi Kumar', part: 'added' },
        ],
        facts: { job: 'abc', item: 1, result: 'failed' },
      }),
    ).toBe('Asha Admin tried to give Gym to Ravi Kumar');
  });
});

describe('visitors in words', () => {
  const base = {
    outcome: 'ok' as const,
    reason: null,
    operatorName: 'Farah Frontdesk',
    operatorEmail: null,
    targetIds: [],
  };
  it('names the visitor, host and site of a registration, and the visitor of later changes', () => {
    expect(
      auditSentence({
        ...base,
        action: 'visitors.register',
        targets: [
          { type: 'site', id: 1, name: 'Koramangala Hub' },
          { type: 'person', id: 7, name: 'Ravi Kumar', part: 'host' },
          { type: 'door', id: 501, name: 'Main Entrance' },
          { type: 'person', id: 901, name: 'Asha Guest', part: 'created' },
        ],
        facts: { visit: 'abc' },
      }),
    ).toBe('Farah Frontdesk registered Asha Guest as a visitor of Ravi Kumar at Koramangala Hub');
    expect(
      auditSentence({
        ...base,
        action: 'visitors.end',
        targets: [],
        facts: { visitor: 'Asha Guest', visit: 'abc', card: '1234' },
      }),
    ).toBe('Farah Frontdesk ended the visit of Asha Guest');
    expect(
      auditSentence({
        ...base,
        operatorName: 'The portal',
        action: 'visitors.expire',
        targets: [{ type: 'person', id: 901, name: 'Asha Guest' }],
        facts: { visit: 'abc' },
      }),
    ).toBe('The portal ended the visit of Asha Guest when its time was up');
  });
});
