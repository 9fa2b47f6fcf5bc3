import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { DayInput } from '@/components/ui/day-input';
import { Field, Input, Select } from '@/components/ui/field';
import { FilterForm } from '@/components/ui/filter-form';
import { LiveRefresh } from '@/components/ui/live-refresh';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { VisitStatusBadge } from '@/components/visitors/visit-status';
import { visitorsPage, visitorsQuerySchema } from '@/lib/data/visitors';
import { portalEnv } from '@/lib/env';
import { formatTime, showDay } from '@/lib/format';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Visitors' };

/** `/visitors?site=&day=&search=`: a site's visitors on a day — expected, in, left, expired. */
export default async function VisitorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseQuery(visitorsQuerySchema, await searchParams);
  const { sites, site, day, visits } = await visitorsPage(query);
  const { display } = portalEnv();
  const active = [query.site, query.day, query.search].filter((v) => v !== undefined).length;
  return (
    <>
      <PageHeader
        title="Visitors"
        description="Guests at your sites: a time-boxed pass to the doors they need, ended when they leave."
        actions={
          site && (
            <Link href={toQueryString('/visitors/new', { site: site.id })} className={buttonVariants('primary')}>
              Register a visitor
            </Link>
          )
        }
      />
      {/* Who is in changes as visitors tap: the list keeps itself current while the desk has it open. */}
      <LiveRefresh seconds={30} />
      <FilterForm
        label="Filter visitors"
        clearHref="/visitors"
        showClear={active > 0}
        active={active}
        className="mb-4 sm:grid-cols-4"
      >
        <Field id="v-site" label="Site">
          <Select id="v-site" name="site" defaultValue={site?.id ?? ''}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="v-day" label="Day">
          <DayInput id="v-day" name="day" defaultDay={day} />
        </Field>
        <Field id="v-search" label="Search">
          <Input
            id="v-search"
            name="search"
            type="search"
            defaultValue={query.search ?? ''}
            placeholder="Visitor, phone or host"
          />
        </Field>
      </FilterForm>
      {!site ? (
        <p className="text-sm text-slate-700">You have no sites yet. Ask a super admin to give you one.</p>
      ) : visits.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          No visitors at {site.name} on {showDay(day)}
          {query.search ? ` matching “${query.search}”` : ''}.{' '}
          <Link href={toQueryString('/visitors/new', { site: site.id })} className="underline">
            Register one
          </Link>
          .
        </p>
      ) : (
        <DataTable
          caption={`Visitors at ${site.name} on ${showDay(day)}`}
          headers={['Visitor', 'Phone', 'Host', 'Time', 'Doors', 'Card', 'Status']}
        >
          {visits.map((visit) => (
            <tr key={visit.id} data-testid="visit-row">
              <Td>
                <Link href={`/visitors/${visit.id}`} className="font-medium underline">
                  {visit.visitorName}
                </Link>
              </Td>
              <Td>{visit.visitorPhone}</Td>
              <Td>{visit.hostName}</Td>
              <Td>
                {formatTime(visit.startsAt, display)}–{formatTime(visit.endsAt, display)}
              </Td>
              <Td>{visit.doors.map((d) => d.name).join(', ')}</Td>
              <Td>{visit.card ?? '—'}</Td>
              <Td>
                <VisitStatusBadge status={visit.status} />
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
