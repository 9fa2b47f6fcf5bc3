import { describe, expect, it } from 'vitest';
import { endingOf } from './companies';

describe('endingOf: when a company’s end is announced', () => {
  const today = '2026-12-05';
  it('from 30 days before its last day, counting down; never for an ended company or one without an end', () => {
    expect(endingOf({ status: 'active', validUntil: '2027-01-05' }, today)).toEqual({ soon: false, daysLeft: 31 });
    expect(endingOf({ status: 'active', validUntil: '2027-01-04' }, today)).toEqual({ soon: true, daysLeft: 30 });
    expect(endingOf({ status: 'active', validUntil: '2026-12-05' }, today)).toEqual({ soon: true, daysLeft: 0 });
    expect(endingOf({ status: 'active', validUntil: '2026-12-04' }, today)).toEqual({ soon: true, daysLeft: -1 });
    expect(endingOf({ status: 'ended', validUntil: '2026-12-04' }, today)).toEqual({ soon: false, daysLeft: null });
    expect(endingOf({ status: 'active', validUntil: null }, today)).toEqual({ soon: false, daysLeft: null });
  });
});
