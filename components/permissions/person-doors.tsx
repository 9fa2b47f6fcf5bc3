'use client';

import { useServerAction } from '@/components/ui/use-server-action';
import { PendingSince } from '@/components/doors/pending-since';
import { Button } from '@/components/ui/button';
import { DataTable, Td } from '@/components/ui/table';
import { changePersonDoorsAction } from '@/lib/actions/permissions/change-person-doors';
import type { ExplainedGrant } from '@/lib/grants/why';
import { isStuck, usePendingRefresh } from './use-pending-refresh';
import { WhyPanel, type WhyContext } from './why-panel';

interface Door {
  id: number;
  name: string;
  state: 'assigned' | 'pending' | 'not_assigned';
  pendingAction: 'grant' | 'revoke' | null;
  pendingSince: string | null;
  /** Outside the person's company envelope: allowed to admins, with a warning. */
  outsideEnvelope: boolean;
  /** False for a company admin at a door outside their envelope that the person holds anyway: shown, not changed. */
  changeable: boolean;
  siteName: string;
  /** The portal's grants of this door for the person (most doors have none): what Why? explains. */
  grants: ExplainedGrant[];
}

export function PersonDoors({
  userId,
  personName,
  groups,
  canEdit,
  why,
  readAt,
  stuckAfterMs,
}: {
  userId: number;
  personName: string;
  groups: { site: { id: number; name: string }; doors: Door[] }[];
  why: WhyContext;
  canEdit: boolean;
  readAt: number;
  stuckAfterMs: number;
}) {
  const changeDoors = useServerAction(changePersonDoorsAction, { successMessage: 'Saved.' });
  const busy = changeDoors.pending;
  const pending = groups.flatMap((g) => g.doors).filter((d) => d.state === 'pending');
  usePendingRefresh(
    pending.some((d) => !isStuck(d.pendingSince, readAt, stuckAfterMs)),
    readAt,
  );

  const change = (payload: { grant?: number[]; revoke?: number[]; cancelPending?: number[] }) =>
    void changeDoors.run({ userId, ...payload });

  return (
    <div className="flex flex-col gap-6">
      {groups.map(({ site, doors }) => (
        <section key={site.id} aria-labelledby={`site-${site.id}`}>
          <h2 id={`site-${site.id}`} className="mb-2 text-lg font-semibold">
            {site.name}
          </h2>
          <DataTable
            caption={`Doors of ${personName} at ${site.name}`}
            headers={[
              'Door',
              'Access',
              <span key="a" className="sr-only">
                Change
              </span>,
            ]}
            busy={busy}
          >
            {doors.map((door) => {
              const stuck = door.state === 'pending' && isStuck(door.pendingSince, readAt, stuckAfterMs);
              return (
                <tr key={door.id} data-state={door.state}>
                  <Td className="font-medium">
                    {door.name}
                    <WhyPanel
                      doorId={door.id}
                      door={{
                        name: door.name,
                        siteName: door.siteName,
                        state: door.state,
                        pendingAction: door.pendingAction,
                      }}
                      pendingSince={door.pendingSince}
                      grants={door.grants}
                      context={why}
                    />
                  </Td>
                  <Td>
                    {door.state === 'assigned' && <span className="text-green-800">Can open</span>}
                    {door.state === 'not_assigned' && <span className="text-slate-600">No access</span>}
                    {door.outsideEnvelope && door.state !== 'not_assigned' && (
                      <span className="ml-2 text-amber-800">· outside their company’s doors</span>
                    )}
                    {door.outsideEnvelope && door.state === 'not_assigned' && (
                      <span className="ml-2 text-amber-800">· not one of their company’s doors</span>
                    )}
                    {door.state === 'pending' && (
                      <span className={stuck ? 'text-red-800' : 'text-amber-800'}>
                        {door.pendingAction === 'revoke' ? 'Removal pending' : 'Access pending'}{' '}
                        {door.pendingSince && <PendingSince since={door.pendingSince} now={readAt} />}
                        {stuck && <span className="ml-1 font-medium">— reader may be offline</span>}
                      </span>
                    )}
                  </Td>
                  <Td className="text-right">
                    {canEdit && !door.changeable && (
                      <span className="text-xs text-slate-500">Given by the building’s admins</span>
                    )}
                    {canEdit && door.changeable && door.state === 'assigned' && (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        onClick={() => change({ revoke: [door.id] })}
                        aria-label={`Revoke ${door.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                    {canEdit && door.changeable && door.state === 'not_assigned' && (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        onClick={() => change({ grant: [door.id] })}
                        aria-label={`Grant ${door.name}`}
                      >
                        Grant
                      </Button>
                    )}
                    {canEdit && door.changeable && door.state === 'pending' && (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={busy}
                        onClick={() => change({ cancelPending: [door.id] })}
                        aria-label={`Cancel the pending change at ${door.name}`}
                      >
                        Cancel change
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </DataTable>
        </section>
      ))}
    </div>
  );
}
