'use client';

import { useRouter } from 'next/navigation';
import { useState, type Dispatch } from 'react';
import { toast } from '@/components/ui/toast';
import { changeDoorPeopleAction } from '@/lib/actions/doors/change-door-people';
import type { DoorResult } from './staged-bar';
import type { DoorChange, StagedAction } from './staged-changes';

/**
 * Sends the staged changes one door at a time (one call per door, never per cell), with progress; a door that
 * succeeds leaves the staging, a failed one keeps its changes staged for "Retry failed doors".
 */
export function useApplyByDoor(
  siteId: number,
  byDoor: ReadonlyMap<number, DoorChange>,
  dispatch: Dispatch<StagedAction>,
) {
  const router = useRouter();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<Record<number, DoorResult>>({});

  async function apply(onlyDoors?: number[]) {
    const work = [...byDoor.entries()].filter(([doorId]) => !onlyDoors || onlyDoors.includes(doorId));
    if (work.length === 0) return;
    setProgress({ done: 0, total: work.length });
    const outcome: Record<number, DoorResult> = {};
    for (const [i, [doorId, change]] of work.entries()) {
      const result = await changeDoorPeopleAction(null, { doorId, siteId, ...change });
      outcome[doorId] = result.ok ? { ok: true } : { ok: false, message: result.message };
      if (result.ok)
        dispatch({ type: 'applied', doorId, userIds: [...change.add, ...change.remove, ...change.cancelPending] });
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

  return { apply, progress, results };
}
