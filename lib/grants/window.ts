import { Refusal } from '../core/refusal';
import { addDays, dayBounds, dayOf } from '../format';
import type { AccessPreset } from './presets';

const HOUR = 3_600_000;
/** The longest a temporary grant may run: longer access is a permanent grant (or a company's end date). */
export const MAX_TEMPORARY_DAYS = 366;

/**
 * When a temporary grant ends, from a preset and the moment it is made, in the portal's zone: 4 hours from now, the
 * end of today, a week from now, or the end of a chosen day. An exact `endsAt` wins. Refused when it is not after
 * the start, or more than a year away.
 */
export function accessWindow(
  input: {
    preset: AccessPreset;
    until?: string | undefined;
    endsAt?: string | undefined;
    startsAt?: string | undefined;
  },
  now: number,
  timeZone: string,
): { startsAt: string | null; endsAt: string } {
  const start = input.startsAt ? Date.parse(input.startsAt) : now;
  const ends =
    input.endsAt !== undefined
      ? Date.parse(input.endsAt)
      : input.preset === '4h'
        ? start + 4 * HOUR
        : input.preset === 'week'
          ? start + 7 * 24 * HOUR
          : Date.parse(dayBounds(input.preset === 'today' ? dayOf(start, timeZone) : input.until!, timeZone).end) + 1;
  if (ends <= Math.max(now, start))
    throw new Refusal('That end has already passed. Choose a later one.', { field: input.until ? 'until' : 'preset' });
  if (ends > Date.parse(`${addDays(dayOf(now, timeZone), MAX_TEMPORARY_DAYS)}T00:00:00Z`))
    throw new Refusal('Temporary access lasts at most a year. Give the door without an end instead.', {
      field: 'until',
    });
  return {
    startsAt: input.startsAt && start > now ? new Date(start).toISOString() : null,
    endsAt: new Date(ends).toISOString(),
  };
}
