import { Notice } from '@/components/ui/notice';
import type { DirectoryFreshnessData } from '@/lib/data/directory-freshness';
import { formatTime, relativeTime, type DisplaySettings } from '@/lib/format';
import { SyncNow } from './sync-now';

/**
 * How old the people list is: it comes from the portal's copy of Spintly's people, re-read in full every few minutes
 * and updated at once by the portal's own changes. A warning when the last re-read failed or the copy is old.
 */
export function DirectoryFreshness({
  freshness,
  display,
  canSync,
}: {
  freshness: DirectoryFreshnessData;
  display: DisplaySettings;
  /** Super and site admins may ask for a re-read now. */
  canSync: boolean;
}) {
  const { asOf, running, lastFailed, stale, readAt, last } = freshness;
  return (
    <div className="mb-3 flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-xs text-slate-600" data-testid="directory-freshness">
          {asOf
            ? `People as of ${formatTime(asOf, display)} (${relativeTime(asOf, readAt)})`
            : 'The people list has not been read from Spintly yet.'}
          {running && !canSync && ' · updating now…'}
        </p>
        {canSync && <SyncNow last={last} display={display} />}
      </div>
      {(lastFailed || stale) && asOf && (
        <Notice tone="warning" title="This list may be out of date">
          {lastFailed
            ? 'The last time the portal re-read Spintly’s people it could not finish. '
            : 'The portal has not re-read Spintly’s people for a while. '}
          Changes made in the portal show at once; changes made elsewhere may be missing. A person’s own page is always
          read live.
        </Notice>
      )}
    </div>
  );
}
