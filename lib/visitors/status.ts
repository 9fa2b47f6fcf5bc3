/**
 * Where a visit stands, as the front desk reads it. Pure, so the list, the visit page and the tests agree.
 * - expected: its window has not ended and the visitor has not been seen at a door yet;
 * - in: seen at a door of the site during the window;
 * - left: someone ended it ("End now", usually as the visitor walks out);
 * - expired: its window is over (ended by the background task, or about to be).
 */
export type VisitStatus = 'expected' | 'in' | 'left' | 'expired';

export const VISIT_STATUS_TEXT: Record<VisitStatus, string> = {
  expected: 'Expected',
  in: 'In',
  left: 'Left',
  expired: 'Expired',
};

export function visitStatus(
  visit: { endsAt: string; endedHow: 'ended' | 'expired' | null },
  seenAtDoor: boolean,
  now: number,
): VisitStatus {
  if (visit.endedHow === 'ended') return 'left';
  if (visit.endedHow === 'expired' || now >= Date.parse(visit.endsAt)) return 'expired';
  return seenAtDoor ? 'in' : 'expected';
}

/** Whether a visit's doors still open for it: not ended and inside (or before) its window. */
export const visitIsOpen = (visit: { endsAt: string; endedHow: string | null }, now: number) =>
  visit.endedHow === null && now < Date.parse(visit.endsAt);
