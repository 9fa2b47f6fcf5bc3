import { describe, expect, it } from 'vitest';
import { doorCounts, memberStates } from './state';
import { membershipWindow } from './window';

const NOW = '2026-12-06T06:00:00.000Z';
const holding = new Map([
  [501, { assigned: new Set([1]), coming: new Set([1, 2]) }],
  [502, { assigned: new Set<number>(), coming: new Set<number>() }],
]);

describe('a group member’s state per door', () => {
  it('reads assigned, pending, scheduled, failed and missing; drift is a door the group gives and Spintly lacks', () => {
    const rows = memberStates({
      doorIds: [501, 502],
      reach: new Map([
        [1, [{ startsAt: null, endsAt: null }]],
        [2, [{ startsAt: null, endsAt: null }]],
        [3, [{ startsAt: '2026-12-10T00:00:00.000Z', endsAt: null }]],
        [4, [{ startsAt: null, endsAt: '2026-12-01T00:00:00.000Z' }]],
        [5, [{ startsAt: null, endsAt: null }]],
      ]),
      holding,
      failures: new Map([[5, 'Spintly is not answering']]),
      now: NOW,
    });
    const read = Object.fromEntries(rows.map((r) => [r.personId, [...r.states.values(), r.drift]]));
    expect(read).toEqual({
      1: ['assigned', 'missing', true],
      2: ['pending', 'missing', true],
      3: ['scheduled', 'scheduled', false],
      // Person 4's membership has ended: not listed (the expiry task takes it back).
      5: ['failed', 'failed', true],
    });
    expect(doorCounts(rows, [501]).get(501)).toEqual({ assigned: 1, pending: 1, scheduled: 1, failed: 1, missing: 0 });
  });
});

describe('a membership’s window from the form’s days (India)', () => {
  const now = Date.parse(NOW);
  it('starts now for today or no day, at midnight IST for a later day, and ends at the end of the last day', () => {
    expect(membershipWindow({}, now, 'Asia/Kolkata')).toEqual({ startsAt: null, endsAt: null });
    expect(membershipWindow({ from: '2026-12-06', until: '2026-12-31' }, now, 'Asia/Kolkata')).toEqual({
      startsAt: null,
      endsAt: '2026-12-31T18:30:00.000Z',
    });
    expect(membershipWindow({ from: '2026-12-08' }, now, 'Asia/Kolkata').startsAt).toBe('2026-12-07T18:30:00.000Z');
  });
  it('refuses a last day already past', () => {
    expect(() => membershipWindow({ until: '2026-12-05' }, now, 'Asia/Kolkata')).toThrow(/has passed/);
  });
});
