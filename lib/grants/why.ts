import { heldOrComing, type PendingAction } from '../core/holders';
import { givesAt, type SourcedGrant } from './sources';

/** What the explanation needs to know about a grant besides its times. */
export interface ExplainedGrant extends SourcedGrant {
  grantedByName: string | null;
  reason: string | null;
  createdAt: string;
  /** A group grant's group ("Gym members") and, for a company's membership, the company (lib/groups/store.ts). */
  group?: { name: string; via: string | null } | null;
}

const groupText = (g: ExplainedGrant) =>
  `the access group ${g.group?.name ?? '(removed)'}${g.group?.via ? ` (as a member of ${g.group.via})` : ''}`;

/** One door for one person, as the page and the records know it. */
export interface WhyInput {
  person: { name: string; active: boolean; accessExpired: boolean; accessExpiresText: string | null };
  door: {
    name: string;
    siteName: string;
    state: 'assigned' | 'pending' | 'not_assigned';
    pendingAction: PendingAction | null;
  };
  pendingSinceText: string | null;
  /** The person's grants of this door, open or not. */
  grants: readonly ExplainedGrant[];
  /** Times and days as the portal shows them. */
  show: { time: (iso: string) => string; day: (iso: string) => string };
  now: string;
}

/** One source that gives the door, in a sentence: by whom and when, until when, and why. */
function givenBy(g: ExplainedGrant, show: WhyInput['show']): string {
  const who = g.grantedByName === 'Spintly' ? null : g.grantedByName;
  const on = show.day(g.createdAt);
  const base =
    g.source === 'group'
      ? `Given by ${groupText(g)}${who ? `, added by ${who}` : ''} on ${on}`
      : g.source === 'visit'
        ? `Given for a visit${who ? ` registered by ${who}` : ''} on ${on}; it ends with the visit`
        : g.grantedByName === 'Spintly'
          ? 'Held in Spintly before the portal recorded where access comes from'
          : `Given directly${who ? ` by ${who}` : ''} on ${on}`;
  const until = g.endsAt ? `, until ${show.time(g.endsAt)}` : '';
  const why = g.reason && g.grantedByName !== 'Spintly' ? ` (“${g.reason}”)` : '';
  return `${base}${until}${why}.`;
}

/**
 * Why a person can or cannot open a door (issue 29), as a verdict and its reasons — Genetec's access troubleshooter
 * in words: whether they are active and their access has not ended, what the reader has, and each source that gives
 * the door (direct by whom and when, until when; held before the portal knew), or, when none does, who could give it.
 */
export function explainAccess(input: WhyInput): { verdict: string; opens: boolean; reasons: string[] } {
  const { person, door, show } = input;
  const reasons: string[] = [];
  const givers = input.grants.filter((g) => givesAt(g, input.now));
  const scheduled = input.grants.filter((g) => g.endedAt === null && g.startedAt === null && g.startsAt !== null);
  if (!person.active) reasons.push(`${person.name} is deactivated: no door opens for them until they are activated.`);
  if (person.accessExpired)
    reasons.push(`Their access as a whole ended${person.accessExpiresText ? ` on ${person.accessExpiresText}` : ''}.`);
  if (door.state === 'assigned') reasons.push(`The reader of ${door.name} has the permission.`);
  if (door.state === 'pending')
    reasons.push(
      !heldOrComing(door)
        ? `A removal is waiting for the reader of ${door.name}${input.pendingSinceText ? ` (since ${input.pendingSinceText})` : ''}; until it syncs the door still opens.`
        : `The permission is waiting for the reader of ${door.name}${input.pendingSinceText ? ` (since ${input.pendingSinceText})` : ''}: it opens once the reader syncs (is it online?).`,
    );
  for (const g of givers) reasons.push(givenBy(g, show));
  for (const g of scheduled)
    reasons.push(
      `Scheduled${g.source === 'group' ? ` through ${groupText(g)}` : ''} by ${g.grantedByName ?? 'the portal'} from ${show.time(g.startsAt!)}${g.endsAt ? ` until ${show.time(g.endsAt)}` : ''}.`,
    );
  const held = heldOrComing(door);
  if (held && givers.length === 0)
    reasons.push('Given in Spintly (not through the portal, or before it kept records).');
  if (!held && givers.length === 0)
    reasons.push(`No source gives it. The admins of ${door.siteName} (or a super admin) can give it.`);
  const opens = person.active && !person.accessExpired && door.state === 'assigned';
  const verdict = opens
    ? `${person.name} can open ${door.name}.`
    : held && person.active && !person.accessExpired
      ? `${person.name} will be able to open ${door.name} once its reader syncs.`
      : `${person.name} cannot open ${door.name}.`;
  return { verdict, opens, reasons };
}

/**
 * The sources of one person's door in a few words, for a list or a CSV cell: "Direct (Asha Admin, 02/12/2026)",
 * "Direct until 05/12/2026, 2:30 pm (Asha Admin)", "Group Gym via Acme", "From Spintly" — several joined by "; ". A holder with no record
 * at all holds it from Spintly.
 */
export function sourcesText(grants: readonly ExplainedGrant[], now: string, show: WhyInput['show']): string {
  const giving = grants.filter((g) => givesAt(g, now));
  if (giving.length === 0) return 'From Spintly';
  return giving
    .map((g) =>
      g.source === 'visit'
        ? `Visit (${show.day(g.createdAt)})`
        : g.source === 'group'
          ? `Group ${g.group?.name ?? '(removed)'}${g.group?.via ? ` via ${g.group.via}` : ''}${g.endsAt ? ` until ${show.time(g.endsAt)}` : ''}`
          : g.grantedByName === 'Spintly'
            ? 'From Spintly'
            : `Direct${g.endsAt ? ` until ${show.time(g.endsAt)}` : ''} (${g.grantedByName ?? 'the portal'}, ${show.day(g.createdAt)})`,
    )
    .join('; ');
}
