import { Refusal } from '../core/refusal';
import { dayBounds } from '../format';

/**
 * A membership's times from the form's days, in the portal's zone: from the start of its first day (none when that
 * is today or earlier: it starts now) until the end of its last day (none = until removed). A last day already past
 * is refused: the membership would end before it began.
 */
export function membershipWindow(
  days: { from?: string | undefined; until?: string | undefined },
  now: number,
  timeZone: string,
): { startsAt: string | null; endsAt: string | null } {
  const start = days.from ? dayBounds(days.from, timeZone).start : null;
  const endsAt = days.until ? new Date(Date.parse(dayBounds(days.until, timeZone).end) + 1).toISOString() : null;
  if (endsAt !== null && Date.parse(endsAt) <= now)
    throw new Refusal('That last day has passed. Choose today or a later day.', { field: 'until' });
  return { startsAt: start !== null && Date.parse(start) > now ? start : null, endsAt };
}
