'use client';

import { useEffect, useState, type ComponentType, type ComponentProps } from 'react';
import { syncDirectoryNowAction } from '@/lib/actions/directory/sync-now';
import type { DirectoryRun } from '@/lib/data/directory-freshness';
import type { DisplaySettings } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast';
import type SyncProgressType from './sync-progress';

type Progress = ComponentType<ComponentProps<typeof SyncProgressType>>;

/**
 * "Sync now" for the people directory: asks for a run, then shows its progress until a run newer than the last one
 * known at the click has finished. A run already going when the page opened is followed too, so every admin sees it.
 */
export function SyncNow({ last, display }: { last: DirectoryRun | null; display: DisplaySettings }) {
  const running = last?.outcome === 'running';
  // What is being waited for: a run with an id above `after`. Null = not waiting.
  const [wait, setWait] = useState<{ after: number; askedAt: number } | null>(
    running ? { after: last.id - 1, askedAt: 0 } : null,
  );
  const [asking, setAsking] = useState(false);
  // The progress display is fetched when there is a run to follow (a plain import(): next/dynamic's own runtime would
  // cost the list's first load more than the display it defers).
  const [SyncProgress, setSyncProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (wait && !SyncProgress) void import('./sync-progress').then((m) => setSyncProgress(() => m.default));
  }, [wait, SyncProgress]);

  async function ask() {
    setAsking(true);
    const result = await syncDirectoryNowAction(null, {});
    setAsking(false);
    if (!result.ok) toast.error(result.message);
    else setWait({ after: result.data?.after ?? 0, askedAt: Date.now() });
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" size="sm" onClick={ask} disabled={wait !== null || asking}>
        {wait ? 'Syncing…' : 'Sync now'}
      </Button>
      {wait && SyncProgress && (
        <SyncProgress
          key={wait.after}
          after={wait.after}
          askedAt={wait.askedAt}
          initial={running ? last : null}
          display={display}
          onDone={() => setWait(null)}
        />
      )}
    </div>
  );
}
