import Link from 'next/link';
import { Panel } from '@/components/ui/panel';
import { recentActivity, type ActivitySubject } from '@/lib/data/activity';
import { portalEnv } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { toQueryString } from '@/lib/query-string';
import { RESULT_LABEL } from './result-label';

/** "Last seen: Main Entrance, 30/11/2026, 10:32 am (granted)" and the last ten events, for a person or a door. */
export async function RecentActivity({ subject }: { subject: ActivitySubject }) {
  const rows = await recentActivity(subject);
  const { display } = portalEnv();
  const isPerson = 'person' in subject;
  const last = rows[0];
  return (
    <Panel aria-labelledby="recent-heading" className="mt-6 p-6" data-testid="recent-activity">
      <h2 id="recent-heading" className="font-semibold">
        Recent activity
      </h2>
      <p className="mt-2 text-sm" data-testid="last-seen">
        {last
          ? `Last seen: ${isPerson ? last.doorName : (last.personName ?? 'someone')}, ${formatDateTime(last.at, display)} (${RESULT_LABEL[last.result].text.toLowerCase()})`
          : isPerson
            ? 'No door event recorded for this person.'
            : 'No event recorded at this door.'}
      </p>
      {rows.length > 1 && (
        <ol className="mt-3 space-y-1 text-sm text-slate-700">
          {rows.slice(1).map((r) => (
            <li key={r.eventId}>
              <time dateTime={r.at}>{formatDateTime(r.at, display)}</time> ·{' '}
              {isPerson ? r.doorName : (r.personName ?? '—')} · {RESULT_LABEL[r.result].text}
            </li>
          ))}
        </ol>
      )}
      <Link className="mt-3 inline-block text-sm text-indigo-700 underline" href={toQueryString('/activity', subject)}>
        All activity {isPerson ? 'of this person' : 'at this door'}
      </Link>
    </Panel>
  );
}
