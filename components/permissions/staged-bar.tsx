'use client';

import { Button } from '@/components/ui/button';

export type DoorResult = { ok: true } | { ok: false; message: string };

/** The matrix's toolbar: what is staged, Discard / Retry failed doors / Apply with progress, and each door's outcome. */
export function StagedBar({
  doorCount,
  totals,
  progress,
  results,
  doorName,
  onDiscard,
  onApply,
}: {
  doorCount: number;
  totals: { grants: number; revokes: number; cancels: number };
  progress: { done: number; total: number } | null;
  results: Readonly<Record<number, DoorResult>>;
  doorName: ReadonlyMap<number, string>;
  onDiscard: () => void;
  onApply: (onlyDoors?: number[]) => void;
}) {
  const failedDoors = Object.entries(results)
    .filter(([, r]) => !r.ok)
    .map(([id]) => Number(id));
  return (
    <>
      <div
        className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3"
        role="region"
        aria-label="Staged changes"
      >
        <p className="text-sm" aria-live="polite" data-testid="matrix-summary">
          {doorCount === 0
            ? 'No changes staged. Click a cell, or move with the arrow keys and press Space.'
            : `+${totals.grants} grants, −${totals.revokes} revokes${totals.cancels ? `, ${totals.cancels} cancellations` : ''} on ${doorCount} ${doorCount === 1 ? 'door' : 'doors'}`}
        </p>
        <div className="ml-auto flex gap-2">
          <Button variant="secondary" disabled={doorCount === 0 || progress !== null} onClick={onDiscard}>
            Discard
          </Button>
          {failedDoors.length > 0 && (
            <Button variant="secondary" disabled={progress !== null} onClick={() => onApply(failedDoors)}>
              Retry failed doors ({failedDoors.length})
            </Button>
          )}
          <Button disabled={doorCount === 0} pending={progress !== null} onClick={() => onApply()}>
            {progress ? `Applying ${progress.done} of ${progress.total} doors…` : 'Apply changes'}
          </Button>
        </div>
      </div>
      {progress && (
        <p className="text-sm text-slate-700">
          The changes run on the server: they finish even if you leave this page (see{' '}
          <a href="/jobs" className="underline">
            Jobs
          </a>
          ).
        </p>
      )}
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
    </>
  );
}
