'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import type { ActivityRow } from '@/lib/data/activity';
import { formatDateTime, type DisplaySettings } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { DataTable, Td } from '@/components/ui/table';
import { eventLabel } from '@/lib/activity/vocabulary';
import { RESULT_LABEL } from './result-label';

const POLL_MS = 3000;
/** The live list keeps this many rows; older ones are a click on "Older events" away. */
const MAX_ROWS = 200;

/**
 * The events of /activity. On the newest page it asks for newer events every few seconds and puts them on top
 * (marked new), unless paused; older pages stay as they are.
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

  useEffect(() => {
    if (!live || paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/activity/live?${filterQuery}&after=${newest.current}`, {
          cache: 'no-store',
        });
        if (response.ok) {
          const { rows: arrived } = (await response.json()) as { rows: ActivityRow[] };
          if (!stopped && arrived.length > 0) {
            newest.current = arrived[0]!.cursor;
            setFresh(new Set(arrived.map((r) => r.eventId)));
            setRows((current) => {
              const known = new Set(current.map((r) => r.eventId));
              return [...arrived.filter((r) => !known.has(r.eventId)), ...current].slice(0, MAX_ROWS);
            });
          }
        }
      } catch {
        // the next poll tries again
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [live, paused, filterQuery]);

  return (
    <>
      {live && (
        <div className="mb-2 flex items-center gap-3 text-sm text-slate-600">
          <span aria-live="polite" data-testid="live-state">
            {paused ? 'Paused: new events are not added.' : 'Live: new events appear at the top.'}
          </span>
          <Button type="button" variant="secondary" size="sm" onClick={() => setPaused((p) => !p)}>
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
