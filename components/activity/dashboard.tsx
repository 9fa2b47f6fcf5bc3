import Link from 'next/link';
import { Panel } from '@/components/ui/panel';
import type { Dashboard } from '@/lib/data/dashboard';
import { formatCount, formatDateTime, type DisplaySettings } from '@/lib/format';
import { toQueryString } from '@/lib/query-string';
import { HourlyChart } from './hourly-chart';

// Underlined always: inside a sentence a link must not be told apart by colour alone.
const link = 'text-indigo-700 underline underline-offset-2';

/** What happened at the doors today, for an admin's sites; every number leads to the list behind it. */
export function ActivityDashboard({ data, display }: { data: Dashboard; display: DisplaySettings }) {
  const count = (n: number) => formatCount(n, display);
  const today = { from: data.today, to: data.today };
  return (
    <section aria-labelledby="today-heading" className="mb-6 grid gap-6 lg:grid-cols-3">
      <h2 id="today-heading" className="sr-only">
        Today at the doors
      </h2>
      <Panel aria-labelledby="entries-heading" className="p-6 lg:col-span-2">
        <h3 id="entries-heading" className="font-semibold">
          <Link className={link} href={toQueryString('/activity', { ...today, direction: 'entry' })}>
            Entries per hour
          </Link>
        </h3>
        <div className="mt-3">
          <HourlyChart today={data.entries.today} lastWeek={data.entries.lastWeek} />
        </div>
      </Panel>
      <Panel aria-labelledby="denied-heading" className="p-6" data-testid="denied-today">
        <h3 id="denied-heading" className="font-semibold">
          Denied today:{' '}
          <Link className={link} href={toQueryString('/activity', { ...today, result: 'denied' })}>
            {count(data.denied.count)}
          </Link>
        </h3>
        {data.denied.doors.length > 0 && (
          <ul className="mt-3 space-y-1 text-sm" aria-label="Doors with the most denied taps">
            {data.denied.doors.map((d) => (
              <li key={d.id}>
                <Link className={link} href={toQueryString('/activity', { ...today, result: 'denied', door: d.id })}>
                  {d.name}
                </Link>{' '}
                · {count(d.count)}
              </li>
            ))}
          </ul>
        )}
        {data.denied.people.length > 0 && (
          <ul className="mt-3 space-y-1 text-sm" aria-label="People with the most denied taps">
            {data.denied.people.map((p) => (
              <li key={p.id}>
                <Link className={link} href={toQueryString('/activity', { ...today, result: 'denied', person: p.id })}>
                  {p.name}
                </Link>{' '}
                · {count(p.count)}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel aria-labelledby="quiet-heading" className="p-6" data-testid="quiet-doors">
        <h3 id="quiet-heading" className="font-semibold">
          Doors with no event in 24 h: {count(data.quietDoors.count)}
        </h3>
        <ul className="mt-3 space-y-1 text-sm">
          {data.quietDoors.first.map((d) => (
            <li key={d.id}>
              <Link className={link} href={`/sites/${d.siteId}/doors/${d.id}`}>
                {d.name}
              </Link>
              <span className="text-slate-600">
                {' '}
                · {d.lastAt ? `last ${formatDateTime(d.lastAt, display)}` : 'no event recorded'}
              </span>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel aria-labelledby="expiring-heading" className="p-6" data-testid="expiring-soon">
        <h3 id="expiring-heading" className="font-semibold">
          Access expiring within 7 days:{' '}
          <Link className={link} href="/users?sort=expiry&expired=no">
            {count(data.expiring.count)}
          </Link>
        </h3>
        <ul className="mt-3 space-y-1 text-sm">
          {data.expiring.first.map((p) => (
            <li key={p.id}>
              <Link className={link} href={`/users/${p.id}`}>
                {p.name}
              </Link>
              <span className="text-slate-600"> · {formatDateTime(p.at, display)}</span>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel aria-labelledby="stuck-heading" className="p-6" data-testid="pending-stuck">
        <h3 id="stuck-heading" className="font-semibold">
          Changes pending too long: {count(data.pendingStuck.count)}
        </h3>
        <p className="mt-1 text-xs text-slate-600">
          Accepted by Spintly, not yet synced by the door’s reader (offline?).
        </p>
        <ul className="mt-3 space-y-1 text-sm">
          {data.pendingStuck.first.map((p) => (
            <li key={`${p.doorId}:${p.personName}`}>
              <Link className={link} href={`/sites/${p.siteId}/doors/${p.doorId}`}>
                {p.doorName}
              </Link>
              <span className="text-slate-600">
                {' '}
                · {p.action === 'revoke' ? 'removing' : 'adding'} {p.personName} since{' '}
                {formatDateTime(p.since, display)}
              </span>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel aria-labelledby="cards-heading" className="p-6" data-testid="cards-today">
        <h3 id="cards-heading" className="font-semibold">
          Cards issued today:{' '}
          <Link className={link} href={toQueryString('/audit', { action: 'cards.', ...today })}>
            {count(data.cardsIssuedToday)}
          </Link>
        </h3>
        <p className="mt-2 text-sm text-slate-600">Issued or replaced through the portal.</p>
      </Panel>
    </section>
  );
}
