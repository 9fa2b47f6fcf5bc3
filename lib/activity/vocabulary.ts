/**
 * The words of an access event, in one place: what the event store keeps (anything else is stored as unknown), what
 * /activity filters by, and how each reads on screen. No server-only import: the live feed labels rows too.
 */
export const DIRECTIONS = ['entry', 'exit'] as const;
export const ACCESS_TYPES = ['card', 'mobile', 'fingerprint', 'face', 'pin', 'remote'] as const;
export const ACCESS_RESULTS = ['granted', 'denied', 'unknown'] as const;

export type Direction = (typeof DIRECTIONS)[number];
export type AccessType = (typeof ACCESS_TYPES)[number];

export const EVENT_LABELS: Record<Direction | AccessType | (typeof ACCESS_RESULTS)[number], string> = {
  entry: 'Entry',
  exit: 'Exit',
  card: 'Card',
  mobile: 'Mobile',
  fingerprint: 'Fingerprint',
  face: 'Face',
  pin: 'PIN',
  remote: 'Remote unlock',
  granted: 'Granted',
  denied: 'Denied',
  unknown: 'Not reported',
};

/** How a stored value reads: its label, or the value itself should the store ever hold a word not listed here. */
export const eventLabel = (value: string | null): string =>
  value === null ? '—' : ((EVENT_LABELS as Record<string, string>)[value] ?? value);
