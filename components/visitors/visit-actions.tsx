'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Select } from '@/components/ui/field';
import { Panel } from '@/components/ui/panel';
import { useServerAction } from '@/components/ui/use-server-action';
import { changeVisitDoorsAction, extendVisitAction } from '@/lib/actions/visitors/change-visit';
import { endVisitAction } from '@/lib/actions/visitors/end-visit';

/** What the desk can do with an open visit: more time, other doors, or end it now. */
export function VisitActions({
  visit,
  siteDoors,
  maxMoreHours,
}: {
  visit: { id: string; siteId: number; visitorName: string; card: string | null; doorIds: number[] };
  siteDoors: { id: number; name: string }[];
  maxMoreHours: number;
}) {
  const ref = { visitId: visit.id, siteId: visit.siteId };
  const extend = useServerAction(extendVisitAction);
  const changeDoors = useServerAction(changeVisitDoorsAction);
  const end = useServerAction(endVisitAction);
  const [hours, setHours] = useState('1');
  const [doors, setDoors] = useState<number[]>(visit.doorIds);
  const toggle = (id: number) => setDoors((now) => (now.includes(id) ? now.filter((d) => d !== id) : [...now, id]));
  const doorsChanged = doors.length !== visit.doorIds.length || doors.some((d) => !visit.doorIds.includes(d));

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Panel className="flex flex-col gap-3 p-4" aria-labelledby="extend-heading">
        <h2 id="extend-heading" className="font-semibold">
          More time
        </h2>
        {maxMoreHours < 1 ? (
          <p className="text-sm text-slate-700">This visit is as long as a visit may be.</p>
        ) : (
          <div className="flex items-end gap-2">
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
              Extend by
              <Select value={hours} onChange={(e) => setHours(e.target.value)}>
                {Array.from({ length: maxMoreHours }, (_, i) => i + 1).map((h) => (
                  <option key={h} value={h}>
                    {h} {h === 1 ? 'hour' : 'hours'}
                  </option>
                ))}
              </Select>
            </label>
            <Button variant="secondary" pending={extend.pending} onClick={() => void extend.run({ ...ref, hours })}>
              Extend
            </Button>
          </div>
        )}
      </Panel>
      <Panel as="fieldset" className="flex flex-col gap-3 p-4">
        <legend className="px-1 font-semibold">Doors</legend>
        <div className="flex flex-col gap-1">
          {siteDoors.map((door) => (
            <label key={door.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={doors.includes(door.id)} onChange={() => toggle(door.id)} />
              {door.name}
            </label>
          ))}
        </div>
        <div>
          <Button
            variant="secondary"
            disabled={!doorsChanged || doors.length === 0}
            pending={changeDoors.pending}
            onClick={() => void changeDoors.run({ ...ref, doorIds: doors })}
          >
            Save doors
          </Button>
        </div>
      </Panel>
      <Panel className="flex flex-col gap-3 p-4" aria-labelledby="end-heading">
        <h2 id="end-heading" className="font-semibold">
          Leaving
        </h2>
        <p className="text-sm text-slate-700">
          Ends the pass at once{visit.card ? `, takes back card ${visit.card}` : ''} and deactivates the visitor.
        </p>
        <div>
          <ConfirmDialog
            trigger={<Button pending={end.pending}>End visit now</Button>}
            title={`End ${visit.visitorName}’s visit?`}
            description={`Their pass stops opening doors now${visit.card ? ` and card ${visit.card} stops working` : ''}.`}
            confirmLabel="End visit"
            onConfirm={() => void end.run(ref)}
          />
        </div>
      </Panel>
    </div>
  );
}
