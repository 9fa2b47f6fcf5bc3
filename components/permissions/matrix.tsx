'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Notice } from '@/components/ui/notice';
import { changeDoorPeopleAction } from '@/lib/actions/doors/change-door-people';
import type { MatrixData, MatrixPending } from '@/lib/data/permissions';
import { isStuck, usePendingRefresh } from './use-pending-refresh';
import { useVisibleRows } from './use-visible-rows';

type Staged = 'grant' | 'revoke' | 'cancel';
type Base = 'assigned' | 'pending' | 'none';
type DoorResult = { ok: true } | { ok: false; message: string };

const ROW_HEIGHT = 40;
/** Rows drawn above and below the ones in view. */
const OVERSCAN = 8;
/** How far PageUp and PageDown move the focus. */
const PAGE_ROWS = 10;
const key = (doorId: number, userId: number) => `${doorId}:${userId}`;

function minutesAgo(since: string | null, now: number) {
  if (!since) return '';
  const m = Math.max(0, Math.round((now - Date.parse(since)) / 60_000));
  return m < 1 ? 'just now' : m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

/**
 * The site's permission matrix: a page of people as rows (only those in view are drawn, so 100 people × 40 doors is
 * 20-odd rows of DOM), doors as columns; another page of people is another URL, so staged changes belong to the page
 * they were made on. Clicking or pressing Space on a cell stages a change; Apply sends one call per door, shows
 * progress and each door's outcome, and keeps failed doors' changes staged for a retry.
 */
export function PermissionMatrix({ data }: { data: MatrixData }) {
  const router = useRouter();
  const { doors, people, cells, readAt, stuckAfterMs } = data;
  const [staged, setStaged] = useState<Record<string, Staged>>({});
  const [focus, setFocus] = useState({ row: 0, col: 0 });
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<Record<number, DoorResult>>({});
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const focusWithin = useRef(false);

  const index = useMemo(() => {
    const assigned = new Map<number, Set<number>>();
    const pending = new Map<number, Map<number, MatrixPending>>();
    for (const door of doors) {
      assigned.set(door.id, new Set(cells[door.id]?.assigned ?? []));
      pending.set(door.id, new Map((cells[door.id]?.pending ?? []).map((p) => [p.userId, p])));
    }
    return { assigned, pending };
  }, [doors, cells]);

  const baseOf = (doorId: number, userId: number): Base =>
    index.pending.get(doorId)?.has(userId) ? 'pending' : index.assigned.get(doorId)?.has(userId) ? 'assigned' : 'none';
  const changeFor = (base: Base): Staged => (base === 'assigned' ? 'revoke' : base === 'pending' ? 'cancel' : 'grant');

  const allPending = doors.flatMap((d) => [...(index.pending.get(d.id)?.values() ?? [])]);
  const stuckCount = allPending.filter((p) => isStuck(p.since, readAt, stuckAfterMs)).length;
  usePendingRefresh(allPending.length > stuckCount, readAt);

  const inView = useVisibleRows(scrollRef, people.length, ROW_HEIGHT, OVERSCAN);
  // The focused row is always drawn, so the arrow keys can move to it and scroll it into view wherever the box is.
  const drawn = Array.from({ length: inView.end - inView.start }, (_, i) => inView.start + i);
  if (focus.row < people.length && (focus.row < inView.start || focus.row >= inView.end)) drawn.push(focus.row);

  const toggle = (doorId: number, userId: number) =>
    setStaged((current) => {
      const k = key(doorId, userId);
      const next = { ...current };
      if (next[k]) delete next[k];
      else next[k] = changeFor(baseOf(doorId, userId));
      return next;
    });

  const stageMany = (pairs: [number, number][]) =>
    setStaged((current) => {
      const next = { ...current };
      for (const [doorId, userId] of pairs) if (baseOf(doorId, userId) === 'none') next[key(doorId, userId)] = 'grant';
      return next;
    });

  // Keep the focused cell focused and in view as the keys move it (the sticky header and name column are the box's
  // scroll padding, so "in view" means not hidden behind them).
  useEffect(() => {
    if (!focusWithin.current) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.col}"]`);
    cell?.focus({ preventScroll: true });
    cell?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const lastRow = people.length - 1;
    const lastCol = doors.length - 1;
    // The grid keys of the WAI-ARIA grid pattern: arrows, Home/End along a row, Ctrl+Home/End to the corners, and
    // PageUp/PageDown by a screenful.
    const moves: Record<string, (f: { row: number; col: number }) => { row: number; col: number }> = {
      ArrowUp: (f) => ({ ...f, row: f.row - 1 }),
      ArrowDown: (f) => ({ ...f, row: f.row + 1 }),
      ArrowLeft: (f) => ({ ...f, col: f.col - 1 }),
      ArrowRight: (f) => ({ ...f, col: f.col + 1 }),
      PageUp: (f) => ({ ...f, row: f.row - PAGE_ROWS }),
      PageDown: (f) => ({ ...f, row: f.row + PAGE_ROWS }),
      Home: (f) => (event.ctrlKey ? { row: 0, col: 0 } : { ...f, col: 0 }),
      End: (f) => (event.ctrlKey ? { row: lastRow, col: lastCol } : { ...f, col: lastCol }),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusWithin.current = true;
      setFocus((f) => {
        const next = move(f);
        return { row: Math.min(lastRow, Math.max(0, next.row)), col: Math.min(lastCol, Math.max(0, next.col)) };
      });
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      const door = doors[focus.col];
      const person = people[focus.row];
      if (door && person) toggle(door.id, person.id);
    }
  };

  const byDoor = new Map<number, { add: number[]; remove: number[]; cancelPending: number[] }>();
  for (const [k, change] of Object.entries(staged)) {
    const [doorId, userId] = k.split(':').map(Number) as [number, number];
    const entry = byDoor.get(doorId) ?? { add: [], remove: [], cancelPending: [] };
    (change === 'grant' ? entry.add : change === 'revoke' ? entry.remove : entry.cancelPending).push(userId);
    byDoor.set(doorId, entry);
  }
  const totals = [...byDoor.values()].reduce(
    (t, e) => ({
      grants: t.grants + e.add.length,
      revokes: t.revokes + e.remove.length,
      cancels: t.cancels + e.cancelPending.length,
    }),
    { grants: 0, revokes: 0, cancels: 0 },
  );
  const failedDoors = Object.entries(results)
    .filter(([, r]) => !r.ok)
    .map(([id]) => Number(id));

  async function apply(onlyDoors?: number[]) {
    const work = [...byDoor.entries()].filter(([doorId]) => !onlyDoors || onlyDoors.includes(doorId));
    if (work.length === 0) return;
    setProgress({ done: 0, total: work.length });
    const outcome: Record<number, DoorResult> = {};
    for (const [i, [doorId, change]] of work.entries()) {
      const result = await changeDoorPeopleAction(null, { doorId, siteId: data.site.id, ...change });
      outcome[doorId] = result.ok ? { ok: true } : { ok: false, message: result.message };
      if (result.ok)
        setStaged((current) => {
          const next = { ...current };
          for (const userId of [...change.add, ...change.remove, ...change.cancelPending])
            delete next[key(doorId, userId)];
          return next;
        });
      setProgress({ done: i + 1, total: work.length });
    }
    setResults((current) => ({ ...current, ...outcome }));
    setProgress(null);
    const failed = Object.values(outcome).filter((r) => !r.ok).length;
    const ok = work.length - failed;
    if (failed === 0)
      toast.success(`${ok} ${ok === 1 ? 'door' : 'doors'} updated. Changes are pending until each reader syncs.`);
    else toast.error(`${failed} of ${work.length} doors failed. Their changes are still staged: retry them.`);
    router.refresh();
  }

  const doorName = new Map(doors.map((d) => [d.id, d.name]));
  const template = `14rem repeat(${doors.length}, 7rem)`;

  return (
    <div className="flex flex-col gap-4">
      <div
        className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3"
        role="region"
        aria-label="Staged changes"
      >
        <p className="text-sm" aria-live="polite" data-testid="matrix-summary">
          {byDoor.size === 0
            ? 'No changes staged. Click a cell, or move with the arrow keys and press Space.'
            : `+${totals.grants} grants, −${totals.revokes} revokes${totals.cancels ? `, ${totals.cancels} cancellations` : ''} on ${byDoor.size} ${byDoor.size === 1 ? 'door' : 'doors'}`}
        </p>
        <div className="ml-auto flex gap-2">
          <Button variant="secondary" disabled={byDoor.size === 0 || progress !== null} onClick={() => setStaged({})}>
            Discard
          </Button>
          {failedDoors.length > 0 && (
            <Button variant="secondary" disabled={progress !== null} onClick={() => void apply(failedDoors)}>
              Retry failed doors ({failedDoors.length})
            </Button>
          )}
          <Button disabled={byDoor.size === 0} pending={progress !== null} onClick={() => void apply()}>
            {progress ? `Applying ${progress.done} of ${progress.total} doors…` : 'Apply changes'}
          </Button>
        </div>
      </div>

      {Object.keys(results).length > 0 && (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Outcome by door" data-testid="door-results">
          {Object.entries(results).map(([doorId, result]) => (
            <li key={doorId} className={result.ok ? 'text-green-800' : 'text-red-800'}>
              {doorName.get(Number(doorId))}:{' '}
              {result.ok ? 'sent — pending until its reader syncs' : `failed — ${result.message}`}
            </li>
          ))}
        </ul>
      )}
      {stuckCount > 0 && (
        <Notice
          tone="warning"
          title={`${stuckCount} ${stuckCount === 1 ? 'change has' : 'changes have'} waited over ${Math.round(stuckAfterMs / 60_000) || 1} min`}
        >
          Their door’s reader is probably offline. They apply when it comes back; you can also cancel them.
        </Notice>
      )}

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
          onKeyDown={onKeyDown}
          onFocus={() => (focusWithin.current = true)}
          onBlur={() => (focusWithin.current = false)}
          className="relative text-sm"
          style={{ width: 'max-content' }}
        >
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
              <div
                key={door.id}
                role="columnheader"
                className="flex flex-col gap-1 border-l border-slate-200 px-2 py-2"
              >
                <span className="truncate font-medium" title={door.name}>
                  {door.name}
                </span>
                <button
                  type="button"
                  tabIndex={-1}
                  className="text-left text-xs text-indigo-700 underline"
                  onClick={() => stageMany(people.map((p) => [door.id, p.id]))}
                  aria-label={`Give ${door.name} to everyone on this page`}
                >
                  Give to all
                </button>
              </div>
            ))}
          </div>
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
                  <div role="rowheader" className="sticky left-0 flex items-center gap-2 bg-white px-3">
                    <span
                      className={cn('truncate', !person.active && 'text-slate-500 line-through')}
                      title={person.name}
                    >
                      {person.name}
                    </span>
                    <button
                      type="button"
                      tabIndex={-1}
                      className="ml-auto shrink-0 text-xs text-indigo-700 underline"
                      onClick={() => stageMany(doors.map((d) => [d.id, person.id]))}
                      aria-label={`Give ${person.name} every door`}
                    >
                      All doors
                    </button>
                  </div>
                  {doors.map((door, col) => {
                    const base = baseOf(door.id, person.id);
                    const change = staged[key(door.id, person.id)];
                    const pending = index.pending.get(door.id)?.get(person.id);
                    const stuck = pending ? isStuck(pending.since, readAt, stuckAfterMs) : false;
                    const focused = focus.row === rowIndex && focus.col === col;
                    const state =
                      base === 'assigned'
                        ? 'can open'
                        : base === 'pending'
                          ? `${pending?.action === 'revoke' ? 'removal' : 'access'} pending${pending?.since ? ` for ${minutesAgo(pending.since, readAt)}` : ''}${stuck ? ', reader may be offline' : ''}`
                          : 'no access';
                    const staging = change
                      ? `; staged: ${change === 'grant' ? 'grant' : change === 'revoke' ? 'revoke' : 'cancel pending change'}`
                      : '';
                    return (
                      <div
                        key={door.id}
                        role="gridcell"
                        aria-colindex={col + 2}
                        aria-selected={Boolean(change)}
                        aria-label={`${person.name}, ${door.name}: ${state}${staging}`}
                        data-cell={`${rowIndex}:${col}`}
                        data-state={base}
                        data-staged={change ?? ''}
                        tabIndex={focused ? 0 : -1}
                        onClick={() => {
                          setFocus({ row: rowIndex, col });
                          toggle(door.id, person.id);
                        }}
                        className={cn(
                          'flex cursor-pointer items-center justify-center border-l border-slate-100 select-none focus:outline-2 focus:-outline-offset-2 focus:outline-indigo-600',
                          base === 'assigned' && 'bg-green-50 text-green-800',
                          base === 'pending' && (stuck ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-800'),
                          change === 'grant' && 'ring-2 ring-indigo-600 ring-inset',
                          change === 'revoke' && 'ring-2 ring-red-600 ring-inset',
                          change === 'cancel' && 'ring-2 ring-slate-600 ring-inset',
                        )}
                      >
                        <span aria-hidden>
                          {change === 'grant'
                            ? '+'
                            : change === 'revoke'
                              ? '−'
                              : change === 'cancel'
                                ? '×'
                                : base === 'assigned'
                                  ? '✓'
                                  : base === 'pending'
                                    ? stuck
                                      ? '!'
                                      : '…'
                                    : '·'}
                        </span>
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <p className="text-xs text-slate-600">
        ✓ can open · … pending (the reader has not synced) · ! pending for long · + staged grant · − staged revoke · ×
        staged cancellation
      </p>
    </div>
  );
}
