'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';

type Door = { id: number; name: string };

/**
 * The matrix's sticky header row: "Person", then each door's full name (two lines, the rest in a tooltip) and a
 * column menu. "Give to all" sits in that menu, and the matrix asks before staging it: one stray click in a header
 * should not stage a grant for a whole page of people.
 */
export function MatrixHeader({
  doors,
  template,
  onGiveToAll,
}: {
  doors: readonly Door[];
  template: string;
  /** Asks (GiveToAllConfirm, outside the grid) before staging anything. */
  onGiveToAll: (door: Door) => void;
}) {
  const [menuFor, setMenuFor] = useState<number | null>(null);
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="sticky top-0 z-20 grid border-b border-slate-200 bg-slate-50"
      style={{ gridTemplateColumns: template }}
    >
      <div role="columnheader" className="sticky left-0 z-10 flex items-end bg-slate-50 px-3 py-2 font-medium">
        Person
      </div>
      {doors.map((door) => (
        <div
          key={door.id}
          role="columnheader"
          className="relative flex items-start gap-1 border-l border-slate-200 px-2 py-2"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuFor === door.id) {
              e.stopPropagation();
              setMenuFor(null);
            }
          }}
        >
          <span className="line-clamp-2 flex-1 leading-tight font-medium break-words" title={door.name}>
            {door.name}
          </span>
          <button
            type="button"
            tabIndex={-1}
            className="shrink-0 rounded px-1 text-slate-600 hover:bg-slate-200"
            aria-label={`Options for ${door.name}`}
            aria-haspopup="menu"
            aria-expanded={menuFor === door.id}
            onClick={() => setMenuFor((open) => (open === door.id ? null : door.id))}
          >
            ⋮
          </button>
          {menuFor === door.id && (
            <div
              role="menu"
              aria-label={`Options for ${door.name}`}
              className="absolute top-full right-0 z-30 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 text-left shadow-lg"
            >
              <button
                type="button"
                role="menuitem"
                autoFocus
                className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus:bg-indigo-50 focus:outline-none"
                onClick={() => {
                  setMenuFor(null);
                  onGiveToAll(door);
                }}
                onBlur={(e) => {
                  if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) setMenuFor(null);
                }}
              >
                Give to all on this page…
              </button>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** "Give Main Entrance to 25 people?": the question before a whole column is staged. */
export function GiveToAllConfirm({
  door,
  peopleOnPage,
  onClose,
  onConfirm,
}: {
  door: Door | null;
  peopleOnPage: number;
  onClose: () => void;
  onConfirm: (door: Door) => void;
}) {
  const people = `${peopleOnPage} ${peopleOnPage === 1 ? 'person' : 'people'}`;
  return (
    <Modal
      open={door !== null}
      onClose={() => onClose()}
      role="alertdialog"
      closeOnBackdrop={false}
      title={`Give ${door?.name ?? ''} to ${people}?`}
      description={`This stages a grant for everyone on this page who cannot open it yet. Nothing is sent to Spintly until you apply.`}
      className="w-[min(28rem,92vw)]"
    >
      <div className="mt-2 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => onClose()}>
          Cancel
        </Button>
        <Button
          onClick={() => {
            if (door) onConfirm(door);
            onClose();
          }}
        >
          Stage for {people}
        </Button>
      </div>
    </Modal>
  );
}
