/**
 * The source arithmetic (issue 29), pure: a person may hold a door for several reasons at once — a direct grant, a
 * group, their company, a visit — and taking one reason away takes the door away only when no other still gives it.
 * Times are ISO strings (they compare in order).
 */
export type GrantSource = 'direct' | 'group' | 'company' | 'visit';

export interface SourcedGrant {
  id: string;
  source: GrantSource;
  startsAt: string | null;
  endsAt: string | null;
  /** Null while a scheduled grant waits for its start. */
  startedAt: string | null;
  endedAt: string | null;
}

/** Whether a grant gives its door at `now`: started, not ended, and not past its end. */
export function givesAt(grant: SourcedGrant, now: string): boolean {
  return grant.endedAt === null && grant.startedAt !== null && (grant.endsAt === null || grant.endsAt > now);
}

/**
 * Whether the door must be taken away in Spintly when the grants in `ending` stop (all of them one person's, for one
 * door): only when none of the others still gives it at `now`.
 */
export function takeAwayWhenEnding(all: readonly SourcedGrant[], ending: ReadonlySet<string>, now: string): boolean {
  return !all.some((grant) => !ending.has(grant.id) && givesAt(grant, now));
}

/** Whether a grant's end has come (and it is still open). */
export const hasEnded = (grant: SourcedGrant, now: string) =>
  grant.endedAt === null && grant.endsAt !== null && grant.endsAt <= now;

/** Whether a scheduled grant's start has come (and its end has not). */
export const shouldStart = (grant: SourcedGrant, now: string) =>
  grant.endedAt === null &&
  grant.startedAt === null &&
  (grant.startsAt === null || grant.startsAt <= now) &&
  (grant.endsAt === null || grant.endsAt > now);
