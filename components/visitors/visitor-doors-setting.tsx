'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { useServerAction } from '@/components/ui/use-server-action';
import { setSiteVisitorDoorsAction } from '@/lib/actions/visitors/set-visitor-doors';

/** A site's visitor doors: ticked by default when the desk registers a visitor here. */
export function VisitorDoorsSetting({
  siteId,
  doors,
  chosen,
  canEdit,
}: {
  siteId: number;
  doors: { id: number; name: string }[];
  chosen: number[];
  canEdit: boolean;
}) {
  const [selected, setSelected] = useState(chosen);
  const save = useServerAction(setSiteVisitorDoorsAction);
  const toggle = (id: number) => setSelected((now) => (now.includes(id) ? now.filter((d) => d !== id) : [...now, id]));
  const changed = selected.length !== chosen.length || selected.some((id) => !chosen.includes(id));
  return (
    <Panel as="fieldset" className="mt-6 p-4" disabled={!canEdit}>
      <legend className="px-1 font-semibold">Visitor doors</legend>
      <p className="mb-3 text-sm text-slate-700">
        What a visitor’s pass opens unless the desk chooses otherwise.
        {!canEdit && ' Site and super admins change these.'}
      </p>
      <div className="grid gap-2 sm:grid-cols-3">
        {doors.map((door) => (
          <label key={door.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={selected.includes(door.id)} onChange={() => toggle(door.id)} />
            {door.name}
          </label>
        ))}
      </div>
      {canEdit && (
        <Button
          className="mt-3"
          variant="secondary"
          disabled={!changed}
          pending={save.pending}
          onClick={() => void save.run({ siteId, doorIds: selected })}
        >
          Save visitor doors
        </Button>
      )}
    </Panel>
  );
}
