'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { syncDirectoryNowAction } from '@/lib/actions/directory/sync-now';
import type { DirectoryRun } from '@/lib/data/people';
import { formatCount, type DisplaySettings } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';

const POLL_MS = 1000;
/** No run has started by then: nothing is leading the task (every instance has PORTAL_WORKER=off, no worker runs). */
const NO_WORKER_AFTER_MS = 20_000;

interface Status {
  last: DirectoryRun | null;
}

/**
 * "Sync now" for the people directory, with the run's progress. It asks for a run and follows the directory's status
 * until a run newer than the one known at the click has finished; a run already going when the page opened is
 * followed too, so every admin sees it.
 */
export function SyncNow({ last, display }: { last: DirectoryRun | null; display: DisplaySettings }) {
  const router = useRouter();
  // The id of the last run before the one being waited for; null = not waiting.
  const [after, setAfter] = useState<number | null>(last?.outcome === 'running' ? last.id - 1 : null);
  const [run, setRun] = useState<DirectoryRun | null>(last?.outcome === 'running' ? last : null);
  const [waitingLong, setWaitingLong] = useState(false);
  const [asking, setAsking] = useState(false);
  const askedAt = useRef(0);
  const count = (n: number) => formatCount(n, display);

  useEffect(() => {
    if (after === null) return;
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch('/api/directory/status', { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const { last: now } = (await response.json()) as Status;
        if (stopped) return;
        if (now && now.id > after) {
          setRun(now);
          if (now.outcome !== 'running') {
            setAfter(null);
            setRun(null);
            if (now.outcome === 'ok')
              toast.success(
                `Re-read ${count(now.people ?? 0)} people from Spintly: ${count(now.added)} new, ${count(now.changed)} changed, ${count(now.removed)} removed.`,
              );
            else
              toast.error(
                'The re-read could not finish: Spintly did not answer every page. The list still shows the last complete copy; try again in a few minutes.',
              );
            router.refresh();
            return;
          }
        } else setWaitingLong(askedAt.current > 0 && Date.now() - askedAt.current > NO_WORKER_AFTER_MS);
      } catch {
        // a missed poll is tried again
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    let timer = setTimeout(() => void poll(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `count` and `router` are stable for this purpose; polling restarts only for a new wait.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [after]);

  async function ask() {
    setAsking(true);
    const result = await syncDirectoryNowAction(null, {});
    setAsking(false);
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    askedAt.current = Date.now();
    setWaitingLong(false);
    setAfter(result.data?.after ?? 0);
  }

  const busy = after !== null;
  const total = run?.pagesTotal ?? null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" size="sm" onClick={ask} disabled={busy || asking}>
        {busy ? 'Syncing…' : 'Sync now'}
      </Button>
      {busy && (
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
      )}
    </div>
  );
}
