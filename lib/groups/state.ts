/**
 * Each member's state per door of a group, pure: what the group says they should have against what Spintly says they
 * hold. `missing` is drift — the group gives the door, Spintly does not have it (changed behind the portal's back, a
 * person who joined a member company since, or an apply still to come) — and is what Repair sends again.
 */
export type MemberDoorState = 'assigned' | 'pending' | 'scheduled' | 'failed' | 'missing';

export interface DoorHolding {
  assigned: ReadonlySet<number>;
  /** Pending grants (on their way in). */
  coming: ReadonlySet<number>;
}

export interface Reach {
  /** The memberships reaching the person: started now, or all still to start. */
  startsAt: string | null;
  endsAt: string | null;
}

export interface MemberRow {
  personId: number;
  states: Map<number, MemberDoorState>;
  /** A door the group gives that Spintly does not have. */
  drift: boolean;
  failure: string | null;
}

/** Whether a membership gives its doors at `now` (started, not past its end). */
export const reachesNow = (m: Reach, now: string) =>
  (m.startsAt === null || m.startsAt <= now) && (m.endsAt === null || m.endsAt > now);

export function memberStates(input: {
  doorIds: readonly number[];
  /** Person → the memberships that reach them (their own, their company's). */
  reach: ReadonlyMap<number, readonly Reach[]>;
  holding: ReadonlyMap<number, DoorHolding>;
  failures: ReadonlyMap<number, string>;
  now: string;
}): MemberRow[] {
  const rows: MemberRow[] = [];
  for (const [personId, memberships] of input.reach) {
    const active = memberships.some((m) => reachesNow(m, input.now));
    const later = !active && memberships.some((m) => m.startsAt !== null && m.startsAt > input.now);
    if (!active && !later) continue; // every membership reaching them has ended: the expiry task takes it back
    const failure = input.failures.get(personId) ?? null;
    const states = new Map<number, MemberDoorState>();
    let drift = false;
    for (const doorId of input.doorIds) {
      const held = input.holding.get(doorId);
      const state: MemberDoorState = held?.assigned.has(personId)
        ? 'assigned'
        : held?.coming.has(personId)
          ? 'pending'
          : later
            ? 'scheduled'
            : failure
              ? 'failed'
              : 'missing';
      if (state === 'missing' || state === 'failed') drift = true;
      states.set(doorId, state);
    }
    rows.push({ personId, states, drift, failure });
  }
  return rows;
}

/** Per door, how many members are in each state. */
export function doorCounts(rows: readonly MemberRow[], doorIds: readonly number[]) {
  return new Map(
    doorIds.map((doorId) => {
      const counts: Record<MemberDoorState, number> = { assigned: 0, pending: 0, scheduled: 0, failed: 0, missing: 0 };
      for (const row of rows) counts[row.states.get(doorId)!]++;
      return [doorId, counts] as const;
    }),
  );
}
