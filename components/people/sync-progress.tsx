'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DirectoryRun } from '@/lib/data/directory-freshness';
import { formatCount, type DisplaySettings } from '@/lib/format';
import { usePoll } from '@/components/ui/poll';
import { toast } from '@/components/ui/toast';

const POLL_MS = 1000;
/** No run has started by then: nothing is leading the task (every instance has PORTAL_WORKER=off, no worker runs). */
const NO_WORKER_AFTER_MS = 20_000;

/**
 * The progress of a directory re-read, followed from `/api/directory/status` until a run newer than `after` has
 * finished: then a toast of what changed (or that it failed), a refresh of the page, and `onDone`. Loaded only when
 * there is a run to follow, so the lists' first load does not carry it.
 */
export default function SyncProgress({
  after,
  initial,
  askedAt,
  display,
  onDone,
}: {
  after: number;
  initial: DirectoryRun | null;
  /** When the operator asked (0 = following a run already going). */
  askedAt: number;
  display: DisplaySettings;
  onDone: () => void;
}) {
  const router = useRouter();
  const [run, setRun] = useState<DirectoryRun | null>(initial);
  const [waitingLong, setWaitingLong] = useState(false);
  const count = (n: number) => formatCount(n, display);

  usePoll<{ last: DirectoryRun | null }>(
    '/api/directory/status',
    ({ last }) => {
      if (!last || last.id <= after) {
        setWaitingLong(askedAt > 0 && Date.now() - askedAt > NO_WORKER_AFTER_MS);
        return;
      }
      setRun(last);
      if (last.outcome === 'running') return;
      if (last.outcome === 'ok')
        toast.success(
          `Re-read ${count(last.people ?? 0)} people from Spintly: ${count(last.added)} new, ${count(last.changed)} changed, ${count(last.removed)} removed.`,
        );
      else
        toast.error(
          'The re-read could not finish: Spintly did not answer every page. The list still shows the last complete copy; try again in a few minutes.',
        );
      router.refresh();
      onDone();
      return true;
    },
    // Follows one wait; the parent mounts a new one for the next.
    { intervalMs: POLL_MS, immediate: true, restartOn: [after] },
  );

  const total = run && run.id > after ? run.pagesTotal : null;
  return (
    <div className="flex items-center gap-2 text-xs text-slate-600" aria-live="polite">
      <progress
        className="h-2 w-40"
        aria-label="Re-reading Spintly’s people"
        max={total ?? undefined}
        value={total === null ? undefined : (run?.pages ?? 0)}
      />
      <span data-testid="sync-progress">
        {run && total !== null
          ? `Reading Spintly’s people: page ${count(run.pages)} of ${count(total)}`
          : waitingLong
            ? 'Waiting for the background worker to start the re-read…'
            : 'Starting…'}
      </span>
    </div>
  );
}
