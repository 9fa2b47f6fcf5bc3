'use client';

/** The matrix's sticky header row: "Person", then each door with its "Give to all" for the people on this page. */
export function MatrixHeader({
  doors,
  template,
  onGiveToAll,
}: {
  doors: readonly { id: number; name: string }[];
  template: string;
  onGiveToAll: (doorId: number) => void;
}) {
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="sticky top-0 z-10 grid border-b border-slate-200 bg-slate-50"
      style={{ gridTemplateColumns: template }}
    >
      <div role="columnheader" className="sticky left-0 bg-slate-50 px-3 py-2 font-medium">
        Person
      </div>
      {doors.map((door) => (
        <div key={door.id} role="columnheader" className="flex flex-col gap-1 border-l border-slate-200 px-2 py-2">
          <span className="truncate font-medium" title={door.name}>
            {door.name}
          </span>
          <button
            type="button"
            tabIndex={-1}
            className="text-left text-xs text-indigo-700 underline"
            onClick={() => onGiveToAll(door.id)}
            aria-label={`Give ${door.name} to everyone on this page`}
          >
            Give to all
          </button>
        </div>
      ))}
    </div>
  );
}
