'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type Dispatch } from 'react';
import { waitForJob } from '@/components/jobs/wait-for-job';
import { toast } from '@/components/ui/toast';
import { applyDoorChangesAction } from '@/lib/actions/permissions/apply-door-changes';
import type { DoorResult } from './staged-bar';
import type { DoorChange, StagedAction } from './staged-changes';

/**
 * Sends the staged changes as one job on the server, one item (one Spintly call) per door, and follows its progress.
 * The job finishes with the tab closed; while the page is open, a door that succeeds leaves the staging and a failed
 * one keeps its changes staged for "Retry failed doors".
 */
export function useApplyByDoor(
  siteId: number,
  byDoor: ReadonlyMap<number, DoorChange>,
  dispatch: Dispatch<StagedAction>,
) {
  const router = useRouter();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<Record<number, DoorResult>>({});
  // Leaving the page stops following the job (it goes on on the server), not the job.
  const following = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    following.current = controller;
    return () => controller.abort();
  }, []);

  async function apply(onlyDoors?: number[]) {
    const work = [...byDoor.entries()].filter(([doorId]) => !onlyDoors || onlyDoors.includes(doorId));
    if (work.length === 0) return;
    setProgress({ done: 0, total: work.length });
    const started = await applyDoorChangesAction(null, {
      siteId,
      doors: work.map(([doorId, change]) => ({ doorId, ...change })),
    });
    if (!started.ok || !started.data) {
      setProgress(null);
      toast.error(started.ok ? 'The changes could not be started. Try again.' : started.message);
      return;
    }
    const job = await waitForJob(started.data.jobId, (now) => setProgress({ done: now.finished, total: now.total }), {
      items: true,
      signal: following.current.signal,
    });
    if (!job) return;
    // Items are numbered from 1 in the order they were sent.
    const outcome: Record<number, DoorResult> = {};
    for (const [i, [doorId, change]] of work.entries()) {
      const item = job?.items?.[i];
      const ok = item?.status === 'done' || item?.status === 'unchanged';
      outcome[doorId] = ok ? { ok: true } : { ok: false, message: item?.message ?? 'Not finished.' };
      if (ok)
        dispatch({ type: 'applied', doorId, userIds: [...change.add, ...change.remove, ...change.cancelPending] });
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
