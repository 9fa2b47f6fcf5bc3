'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { FetchStatus, useFetchedJson } from '@/components/ui/fetched';
import { Pagination } from '@/components/ui/pagination';
import { DataTable } from '@/components/ui/table';
import { SearchBox } from '@/components/ui/url-filters';
import { useRowSelection } from '@/components/ui/use-row-selection';
import { useServerAction } from '@/components/ui/use-server-action';
import { changeDoorPeopleAction } from '@/lib/actions/doors/change-door-people';
import type { DoorPerson } from '@/lib/data/doors';
import { toQueryString } from '@/lib/query-string';
import { PersonPicker, type PickedPerson } from '../people/person-picker';
import { PendingSince } from './pending-since';
import { Panel } from '@/components/ui/panel';

/**
 * "Add people"'s picker, which does not offer who already holds the door or will once its reader syncs. Those are
 * asked for as the dialog opens (`/api/doors/holders`): a busy door has thousands, too many to carry on every view.
 */
function NewHoldersPicker({
  doorId,
  selected,
  onChange,
}: {
  doorId: number;
  selected: PickedPerson[];
  onChange: (people: PickedPerson[]) => void;
}) {
  const { answer, retry } = useFetchedJson<{ holderIds: number[] }>(`/api/doors/holders?doorId=${doorId}`);
  if (answer.status !== 'ready')
    return (
      <FetchStatus
        answer={answer}
        retry={retry}
        loading="Checking who already has access…"
        failed="Who already has access could not be checked."
      />
    );
  return <PersonPicker selected={selected} onChange={onChange} exclude={answer.data.holderIds} />;
}

/** The holders of a door, a page at a time (the URL's `search` and `page`), and the door's pending changes. */
export function DoorPeople({
  door,
  search,
  holders,
  matchingCount,
  holderCount,
  page,
  perPage,
  pending,
  canEdit,
  readAt,
}: {
  door: { id: number; name: string; siteId: number };
  search: string | undefined;
  holders: DoorPerson[];
  matchingCount: number;
  holderCount: number;
  page: number;
  perPage: number;
  pending: DoorPerson[];
  canEdit: boolean;
  readAt: number;
}) {
  const { id: doorId, name: doorName, siteId } = door;
  const selection = useRowSelection(holders.map((h) => h.id));
  const n = selection.selectedIds.length;
  const [adding, setAdding] = useState(false);
  const [picked, setPicked] = useState<PickedPerson[]>([]);
  const changeDoor = useServerAction(changeDoorPeopleAction, { successMessage: 'Saved.' });
  const busy = changeDoor.pending;

  const change = (payload: { add?: number[]; remove?: number[]; cancelPending?: number[] }, after?: () => void) =>
    void changeDoor.run({ doorId, siteId, ...payload }).then((result) => {
      if (result.ok) after?.();
    });

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="holders-heading">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="holders-heading" className="text-lg font-semibold">
            Can open this door <span className="text-slate-500">({holderCount})</span>
          </h2>
          {canEdit && (
            <div className="flex gap-2">
              <Button onClick={() => setAdding(true)}>Add people</Button>
              <ConfirmDialog
                trigger={
                  <Button variant="danger" disabled={n === 0 || busy}>
                    Remove selected ({n})
                  </Button>
                }
                title={`Remove ${n} ${n === 1 ? 'person' : 'people'} from ${doorName}?`}
                description="They keep opening the door until its reader syncs the change."
                confirmLabel="Remove access"
                onConfirm={() => change({ remove: selection.selectedIds }, selection.clear)}
              />
            </div>
          )}
        </div>
        {holderCount > 0 && (
          <div className="mb-3 max-w-sm">
            <SearchBox label="Find someone at this door" placeholder="Name, email or employee code" />
          </div>
        )}
        {holders.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
            {search
              ? `Nobody who can open this door matches “${search}”.`
              : 'Nobody you manage can open this door yet.'}
          </p>
        ) : (
          <DataTable
            caption={`People who can open ${doorName}`}
            headers={[
              ...(canEdit
                ? [
                    <input
                      key="all"
                      type="checkbox"
                      aria-label="Select everyone on this page"
                      checked={selection.allSelected}
                      onChange={selection.toggleAll}
                    />,
                  ]
                : []),
              'Name',
              'Email',
              'Employee code',
              'Why',
            ]}
          >
            {holders.map((person) => (
              <tr key={person.id}>
                {canEdit && (
                  <td className="px-4 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${person.name}`}
                      checked={selection.isSelected(person.id)}
                      onChange={() => selection.toggle(person.id)}
                    />
                  </td>
                )}
                <td className="px-4 py-2 font-medium">{person.name}</td>
                <td className="px-4 py-2">{person.email ?? '—'}</td>
                <td className="px-4 py-2">{person.employeeCode ?? '—'}</td>
                <td className="px-4 py-2 text-slate-700">{person.source ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {matchingCount > 0 && (
          <Pagination
            page={page}
            perPage={perPage}
            total={matchingCount}
            hrefFor={(page) => toQueryString('', { search, page })}
            noun="people"
          />
        )}
      </section>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="mb-2 text-lg font-semibold">
          Waiting for the reader <span className="text-slate-500">({pending.length})</span>
        </h2>
        <p className="mb-2 text-sm text-slate-600">
          Spintly accepted these changes; the door’s reader has not synced them yet.
        </p>
        {pending.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
            Nothing is pending at this door.
          </p>
        ) : (
          <Panel as="ul" className="divide-y divide-slate-100" data-testid="pending-list">
            {pending.map((person) => (
              <li key={person.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
                <span className="font-medium">{person.name}</span>
                <span className={person.pendingAction === 'revoke' ? 'text-red-800' : 'text-amber-800'}>
                  {person.pendingAction === 'revoke' ? 'Removal pending' : 'Access pending'}
                </span>
                {person.pendingSince && <PendingSince since={person.pendingSince} now={readAt} />}
                {canEdit && (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="ml-auto"
                    disabled={busy}
                    onClick={() => change({ cancelPending: [person.id] })}
                    aria-label={`Cancel the pending change for ${person.name}`}
                  >
                    Cancel change
                  </Button>
                )}
              </li>
            ))}
          </Panel>
        )}
      </section>

      <Dialog
        open={adding}
        onOpenChange={(open) => {
          setAdding(open);
          if (!open) setPicked([]);
        }}
        title={`Give people access to ${doorName}`}
      >
        <div className="flex flex-col gap-4">
          <NewHoldersPicker doorId={doorId} selected={picked} onChange={setPicked} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setAdding(false)}>
              Cancel
            </Button>
            <Button
              pending={busy}
              disabled={picked.length === 0}
              onClick={() =>
                change({ add: picked.map((p) => p.id) }, () => {
                  setAdding(false);
                  setPicked([]);
                })
              }
            >
              Give access to {picked.length} {picked.length === 1 ? 'person' : 'people'}
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
