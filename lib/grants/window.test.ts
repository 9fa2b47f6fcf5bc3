import { describe, expect, it } from 'vitest';
import { accessWindow } from './window';

const ZONE = 'Asia/Kolkata';
const NOW = Date.parse('2026-12-05T04:30:00.000Z'); // 10:00 in India

describe('a temporary grant’s window', () => {
  it('ends 4 hours or a week from now, at the end of today, or at the end of a chosen day (in India)', () => {
    expect(accessWindow({ preset: '4h' }, NOW, ZONE)).toEqual({ startsAt: null, endsAt: '2026-12-05T08:30:00.000Z' });
    expect(accessWindow({ preset: 'week' }, NOW, ZONE).endsAt).toBe('2026-12-12T04:30:00.000Z');
    // Midnight in India is 18:30 UTC the day before.
    expect(accessWindow({ preset: 'today' }, NOW, ZONE).endsAt).toBe('2026-12-05T18:30:00.000Z');
    expect(accessWindow({ preset: 'until', until: '2026-12-31' }, NOW, ZONE).endsAt).toBe('2026-12-31T18:30:00.000Z');
  });

  it('starts later when asked, and refuses an end already past or more than a year away', () => {
    const later = accessWindow({ preset: '4h', startsAt: '2026-12-06T04:30:00.000Z' }, NOW, ZONE);
    expect(later).toEqual({ startsAt: '2026-12-06T04:30:00.000Z', endsAt: '2026-12-06T08:30:00.000Z' });
    expect(() => accessWindow({ preset: 'until', until: '2026-12-04' }, NOW, ZONE)).toThrow('already passed');
    expect(() => accessWindow({ preset: 'until', endsAt: '2026-12-05T04:29:00.000Z' }, NOW, ZONE)).toThrow(
      'already passed',
    );
    expect(() => accessWindow({ preset: 'until', until: '2028-01-01' }, NOW, ZONE)).toThrow('at most a year');
  });
});

describe('the temporary access form’s schema', () => {
  it('takes an empty last day as none, reads dd/mm/yyyy, and asks for one only for "Until a date"', async () => {
    const { temporaryAccessSchema } = await import('../validation/temporary-access');
    const base = { userId: '7', doorIds: ['501'], reason: 'Contractor' };
    expect(temporaryAccessSchema.safeParse({ ...base, preset: '4h', until: '' }).success).toBe(true);
    expect(temporaryAccessSchema.parse({ ...base, preset: 'until', until: '31/12/2026' }).until).toBe('2026-12-31');
    const missing = temporaryAccessSchema.safeParse({ ...base, preset: 'until', until: '' });
    expect(missing.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['until', 'Choose the last day']]);
    const noDoor = temporaryAccessSchema.safeParse({ ...base, doorIds: [], preset: '4h' });
    expect(noDoor.error?.issues.map((i) => i.message)).toEqual(['Choose at least one door']);
  });
});
