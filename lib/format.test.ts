import { describe, expect, it } from 'vitest';
import {
  formatWait,
  dayBounds,
  dayOf,
  formatDate,
  formatDateTime,
  isoWithOffset,
  parseDay,
  relativeTime,
  showDay,
  type DisplaySettings,
} from './format';

const IST: DisplaySettings = { timeZone: 'Asia/Kolkata', locale: 'en-IN' };

describe('format', () => {
  it('shows a UTC instant in IST as dd/mm/yyyy and the local hour', () => {
    // 20:15 UTC on 30 Nov is 01:45 on 1 Dec in India.
    expect(formatDate('2026-11-30T20:15:00Z', IST)).toBe('01/12/2026');
    expect(formatDateTime('2026-11-30T20:15:00Z', IST)).toMatch(/^01\/12\/2026, 0?1:45\s?am$/i);
    expect(dayOf('2026-11-30T20:15:00Z', IST.timeZone)).toBe('2026-12-01');
  });

  it('writes ISO 8601 with the zone’s offset for CSVs', () => {
    expect(isoWithOffset('2026-11-30T20:15:00.000Z', 'Asia/Kolkata')).toBe('2026-12-01T01:45:00+05:30');
    expect(isoWithOffset('2026-11-30T20:15:00.000Z', 'UTC')).toBe('2026-11-30T20:15:00+00:00');
    expect(isoWithOffset('2026-07-01T12:00:00.000Z', 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
  });

  it('reads dd/mm/yyyy and yyyy-mm-dd, and refuses what is no date', () => {
    expect(parseDay('31/12/2026')).toBe('2026-12-31');
    expect(parseDay('1/2/2027')).toBe('2027-02-01');
    expect(parseDay('2026-12-31')).toBe('2026-12-31');
    expect(parseDay('31/02/2026')).toBeNull();
    expect(parseDay('12/31/2026')).toBeNull();
    expect(parseDay('tomorrow')).toBeNull();
    expect(showDay('2026-12-31')).toBe('31/12/2026');
  });

  it('gives a day’s bounds in the zone, for filters over stored UTC times', () => {
    expect(dayBounds('2026-12-01', 'Asia/Kolkata')).toEqual({
      start: '2026-11-30T18:30:00.000Z',
      end: '2026-12-01T18:29:59.999Z',
    });
    expect(dayBounds('2026-12-01', 'UTC')).toEqual({
      start: '2026-12-01T00:00:00.000Z',
      end: '2026-12-01T23:59:59.999Z',
    });
  });

  it('words recency', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(relativeTime('2026-11-30T09:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-11-30T09:48:00Z', now)).toBe('12 min ago');
    expect(relativeTime('2026-11-30T07:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-11-27T10:00:00Z', now)).toBe('3 days ago');
  });

  it('says a wait as a person would', () => {
    expect(formatWait(5_000)).toBe('5 s');
    expect(formatWait(900_000)).toBe('15 min');
    expect(formatWait(3 * 3_600_000)).toBe('3 h');
  });
});
