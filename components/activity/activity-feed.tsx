'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import type { ActivityRow } from '@/lib/data/activity';
import { formatDateTime, type DisplaySettings } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { usePoll } from '@/components/ui/poll';
import { DataTable, Td } from '@/components/ui/table';
import { eventLabel } from '@/lib/activity/vocabulary';
import { RESULT_LABEL } from './result-label';

const POLL_MS = 3000;
/** The live list keeps this many rows; older ones are a click on "Older events" away. */
const MAX_ROWS = 200;

/**
 * The events of /activity. On the newest page it asks for newer events every few seconds and puts them on top
 * (marked new); paused, it holds them back and says how many wait. Older pages stay as they are.
 */
export function ActivityFeed({
  initial,
  live,
  filterQuery,
  display,
  links,
}: {
  initial: ActivityRow[];
  /** The newest page: new events arrive on top. */
  live: boolean;
  /** The page's filters as a query string (without `?`), for the live requests. */
  filterQuery: string;
  display: DisplaySettings;
  /** Where names lead: people's pages for admins, the front desk for the front desk; doors only for who may see them. */
  links: { person: 'users' | 'front-desk'; doors: boolean };
}) {
  const [rows, setRows] = useState(initial);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [paused, setPaused] = useState(false);
  const newest = useRef(initial[0]?.cursor ?? '0.0');

  // Paused, the list stays still but keeps listening: what arrives waits, counted, and joins the list on Resume.
  const [held, setHeld] = useState<ActivityRow[]>([]);
  const show = (arrived: ActivityRow[]) => {
    setFresh(new Set(arrived.map((r) => r.eventId)));
    setRows((current) => {
      const known = new Set(current.map((r) => r.eventId));
      return [...arrived.filter((r) => !known.has(r.eventId)), ...current].slice(0, MAX_ROWS);
    });
  };
  usePoll<{ rows: ActivityRow[] }>(
    () => `/api/activity/live?${filterQuery}&after=${newest.current}`,
    ({ rows: arrived }) => {
      if (arrived.length === 0) return;
      newest.current = arrived[0]!.cursor;
      if (paused) setHeld((waiting) => [...arrived, ...waiting].slice(0, MAX_ROWS));
      else show(arrived);
    },
    { intervalMs: POLL_MS, active: live, restartOn: [filterQuery] },
  );
  const togglePause = () => {
    if (paused && held.length > 0) {
      show(held);
      setHeld([]);
    }
    setPaused(!paused);
  };

  return (
    <>
      {live && (
        <div className="mb-2 flex items-center gap-3 text-sm text-slate-600">
          <span aria-live="polite" data-testid="live-state">
            {paused
              ? `Paused: ${held.length === 0 ? 'new events wait here' : `${held.length} new ${held.length === 1 ? 'event waits' : 'events wait'}`} until you resume.`
              : 'Live: new events appear at the top.'}
          </span>
          <Button type="button" variant="secondary" size="sm" onClick={togglePause}>
            {paused ? 'Resume' : 'Pause'}
          </Button>
        </div>
      )}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          No events match{live ? ' yet; new ones will appear here' : ''}.
        </p>
      ) : (
        <DataTable
          caption="Access events, newest first"
          headers={['When', 'Person', 'Door', 'Site', 'Direction', 'Type', 'Result']}
        >
          {rows.map((r) => {
            const result = RESULT_LABEL[r.result];
            return (
              <tr
                key={r.eventId}
                data-event-id={r.eventId}
                className={fresh.has(r.eventId) ? 'bg-indigo-50' : undefined}
              >
                <Td className="whitespace-nowrap">
                  <time dateTime={r.at}>{formatDateTime(r.at, display)}</time>
                </Td>
                <Td>
                  {r.personId === null ? (
                    '—'
                  ) : (
                    <Link
                      className="text-indigo-700 hover:underline"
                      href={links.person === 'users' ? `/users/${r.personId}` : `/front-desk?person=${r.personId}`}
                    >
                      {r.personName ?? `Person ${r.personId}`}
                    </Link>
                  )}
                  {r.companyName && <span className="block text-xs text-slate-500">{r.companyName}</span>}
                </Td>
                <Td>
                  {links.doors && r.siteId !== null ? (
                    <Link className="text-indigo-700 hover:underline" href={`/sites/${r.siteId}/doors/${r.doorId}`}>
                      {r.doorName}
                    </Link>
                  ) : (
                    r.doorName
                  )}
                </Td>
                <Td>{r.siteName ?? '—'}</Td>
                <Td>{eventLabel(r.direction)}</Td>
                <Td>{eventLabel(r.accessType)}</Td>
                <Td>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${result.className}`}>{result.text}</span>
                </Td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
