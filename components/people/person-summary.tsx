import type { DoorAccess } from '@/lib/data/person';

/** Whether the person has signed up to Spintly's app (their phone opens doors only once they have). */
export const signedUpText = (isSignedUp: boolean) =>
  isSignedUp ? 'Signed up' : 'Not signed up yet (phone access starts once they do)';

/** The doors a person can open or is waiting for, as chips; doors they cannot open are left out. */
export function DoorChips({ doors }: { doors: readonly DoorAccess[] }) {
  const reachable = doors.filter((d) => d.state !== 'not_assigned');
  return (
    <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="Doors">
      {reachable.map((d) => (
        <li
          key={d.id}
          className={`rounded-full px-3 py-1 ${d.state === 'assigned' ? 'bg-green-50 text-green-800' : 'bg-amber-50 text-amber-800'}`}
        >
          {d.name}
          {d.state === 'pending' && ' (pending)'}
        </li>
      ))}
      {reachable.length === 0 && <li className="text-slate-600">None</li>}
    </ul>
  );
}
