'use client';

import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { formatWait } from '@/lib/format';
import { Notice } from '@/components/ui/notice';
import type { MatrixData, MatrixPending } from '@/lib/data/permissions';
import { MatrixCell } from './matrix-cell';
import { GiveToAllConfirm, MatrixHeader } from './matrix-header';
import { MatrixLegend } from './matrix-legend';
import Link from 'next/link';
import { StagedBar } from './staged-bar';
import { cellKey, groupByDoor, stagedReducer, type Base } from './staged-changes';
import { useApplyByDoor } from './use-apply-by-door';
import { useGridKeyboard } from './use-grid-keyboard';
import { isStuck, usePendingRefresh } from './use-pending-refresh';
import { useVisibleRows } from './use-visible-rows';
import { namesById } from '@/lib/core/names';

const ROW_HEIGHT = 40;
/** Rows drawn above and below the ones in view. */
const OVERSCAN = 8;

/**
 * The site's permission matrix: a page of people as rows (only those in view are drawn, so 100 people × 40 doors is
 * 20-odd rows of DOM), doors as columns; another page of people is another URL, so staged changes belong to the page
 * they were made on. Clicking or pressing Space on a cell stages a change; Apply sends one call per door, shows
 * progress and each door's outcome, and keeps failed doors' changes staged for a retry.
 */
export function PermissionMatrix({ data }: { data: MatrixData }) {
  const { doors, people, cells, readAt, stuckAfterMs } = data;
  const [staged, dispatch] = useReducer(stagedReducer, {});
  const [giveToAll, setGiveToAll] = useState<{ id: number; name: string } | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const index = useMemo(() => {
    const assigned = new Map<number, Set<number>>();
    const pending = new Map<number, Map<number, MatrixPending>>();
    for (const door of doors) {
      assigned.set(door.id, new Set(cells[door.id]?.assigned ?? []));
      pending.set(door.id, new Map((cells[door.id]?.pending ?? []).map((p) => [p.userId, p])));
    }
    return { assigned, pending };
  }, [doors, cells]);

  const baseOf = useCallback(
    (doorId: number, userId: number): Base =>
      index.pending.get(doorId)?.has(userId)
        ? 'pending'
        : index.assigned.get(doorId)?.has(userId)
          ? 'assigned'
          : 'none',
    [index],
  );

  const allPending = doors.flatMap((d) => [...(index.pending.get(d.id)?.values() ?? [])]);
  const stuckCount = allPending.filter((p) => isStuck(p.since, readAt, stuckAfterMs)).length;
  usePendingRefresh(allPending.length > stuckCount, readAt);

  const toggleAt = ({ row, col }: { row: number; col: number }) => {
    const door = doors[col];
    const person = people[row];
    if (door && person)
      dispatch({ type: 'toggle', doorId: door.id, userId: person.id, base: baseOf(door.id, person.id) });
  };
  const { focus, setFocus, gridProps } = useGridKeyboard(
    gridRef,
    { rows: people.length, cols: doors.length },
    toggleAt,
  );
  const pick = useCallback(
    (row: number, col: number) => {
      setFocus({ row, col });
      const door = doors[col];
      const person = people[row];
      if (door && person)
        dispatch({ type: 'toggle', doorId: door.id, userId: person.id, base: baseOf(door.id, person.id) });
    },
    [doors, people, baseOf, setFocus],
  );
  const grantMany = (pairs: { doorId: number; userId: number }[]) =>
    dispatch({ type: 'grantMany', pairs: pairs.map((p) => ({ ...p, base: baseOf(p.doorId, p.userId) })) });

  const inView = useVisibleRows(scrollRef, people.length, ROW_HEIGHT, OVERSCAN);
  // The focused row is always drawn, so the arrow keys can move to it and scroll it into view wherever the box is.
  const drawn = Array.from({ length: inView.end - inView.start }, (_, i) => inView.start + i);
  if (focus.row < people.length && (focus.row < inView.start || focus.row >= inView.end)) drawn.push(focus.row);

  const { byDoor, totals } = groupByDoor(staged);

  const { apply, progress, results } = useApplyByDoor(data.site.id, byDoor, dispatch);

  const doorName = namesById(doors);
  const template = `14rem repeat(${doors.length}, 8rem)`;

  return (
    <div className="flex flex-col gap-4">
      <StagedBar
        doorCount={byDoor.size}
        totals={totals}
        progress={progress}
        results={results}
        doorName={doorName}
        onDiscard={() => dispatch({ type: 'discard' })}
        onApply={(onlyDoors) => void apply(onlyDoors)}
      />
      {stuckCount > 0 && (
        <Notice
          tone="warning"
          title={`${stuckCount} ${stuckCount === 1 ? 'change has' : 'changes have'} waited over ${formatWait(stuckAfterMs)}`}
        >
          Their door’s reader is probably offline. They apply when it comes back; you can also cancel them.
        </Notice>
      )}

      <GiveToAllConfirm
        door={giveToAll}
        peopleOnPage={people.length}
        onClose={() => setGiveToAll(null)}
        onConfirm={(door) => grantMany(people.map((p) => ({ doorId: door.id, userId: p.id })))}
      />
      <MatrixLegend doorCount={doors.length} scrollRef={scrollRef} />
      <div
        ref={scrollRef}
        className="max-h-[65vh] scroll-pt-16 scroll-pl-56 overflow-auto rounded-lg border border-slate-200 bg-white"
        data-testid="matrix-scroll"
      >
        <div
          ref={gridRef}
          role="grid"
          aria-label={`Door permissions at ${data.site.name}`}
          aria-rowcount={people.length + 1}
          aria-colcount={doors.length + 1}
          {...gridProps}
          className="relative text-sm"
          style={{ width: 'max-content' }}
        >
          <MatrixHeader doors={doors} template={template} onGiveToAll={setGiveToAll} />
          <div style={{ height: people.length * ROW_HEIGHT, position: 'relative' }}>
            {drawn.map((rowIndex) => {
              const person = people[rowIndex]!;
              return (
                <div
                  key={person.id}
                  role="row"
                  aria-rowindex={rowIndex + 2}
                  className="absolute left-0 grid border-b border-slate-100"
                  style={{
                    gridTemplateColumns: template,
                    height: ROW_HEIGHT,
                    transform: `translateY(${rowIndex * ROW_HEIGHT}px)`,
                  }}
                >
                  <div role="rowheader" className="sticky left-0 z-10 flex items-center gap-2 bg-white px-3">
                    <Link
                      href={`/users/${person.id}`}
                      tabIndex={-1}
                      className={cn(
                        'truncate text-indigo-700 hover:underline',
                        !person.active && 'text-slate-500 line-through',
                      )}
                      title={person.name}
                    >
                      {person.name}
                    </Link>
                    <button
                      type="button"
                      tabIndex={-1}
                      className="ml-auto shrink-0 text-xs text-indigo-700 underline"
                      onClick={() => grantMany(doors.map((d) => ({ doorId: d.id, userId: person.id })))}
                      aria-label={`Give ${person.name} every door`}
                    >
                      All doors
                    </button>
                  </div>
                  {doors.map((door, col) => {
                    const pending = index.pending.get(door.id)?.get(person.id);
                    return (
                      <MatrixCell
                        key={door.id}
                        personName={person.name}
                        doorName={door.name}
                        row={rowIndex}
                        col={col}
                        base={baseOf(door.id, person.id)}
                        change={staged[cellKey(door.id, person.id)]}
                        pending={pending}
                        stuck={pending ? isStuck(pending.since, readAt, stuckAfterMs) : false}
                        focused={focus.row === rowIndex && focus.col === col}
                        readAt={readAt}
                        onPick={pick}
                      />
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
