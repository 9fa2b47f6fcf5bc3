import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityFeed } from '@/components/activity/activity-feed';
import { buttonVariants } from '@/components/ui/button';
import { DayInput } from '@/components/ui/day-input';
import { Field, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { FilterForm } from '@/components/ui/filter-form';
import { can, limitedToCompanies } from '@/lib/auth/permissions';
import { verifySession } from '@/lib/auth/session';
import { activityPage, activityQuerySchema } from '@/lib/data/activity';
import { ACCESS_RESULTS, ACCESS_TYPES, DIRECTIONS, EVENT_LABELS as LABELS } from '@/lib/activity/vocabulary';
import { companyOptionsFor } from '@/lib/data/companies';
import { siteOptionsFor } from '@/lib/data/sites';
import { portalEnv } from '@/lib/env';
import { toQueryString } from '@/lib/query-string';
import { parseQuery } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Activity' };

/** One of the filter form's choices: a labelled select whose empty option means "any". */
function Choice({
  name,
  label,
  value,
  choices,
  any = 'Any',
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  choices: [string | number, string][];
  any?: string;
}) {
  return (
    <Field id={`a-${name}`} label={label}>
      <Select id={`a-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{any}</option>
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await verifySession({ capability: 'activity:read' });
  const query = parseQuery(activityQuerySchema, await searchParams);
  const [{ rows, olderCursor }, sites, companies] = await Promise.all([
    activityPage(query),
    siteOptionsFor(operator),
    can(operator, 'companies:read') ? companyOptionsFor(operator) : [],
  ]);
  const { display } = portalEnv();
  const { before: _before, ...filters } = query;
  const filterQuery = toQueryString('', filters).replace(/^\?/, '');
  const activeCount = Object.values(filters).filter((v) => v !== undefined).length;
  const filtered = activeCount > 0;

  return (
    <>
      <PageHeader
        title="Activity"
        description={
          limitedToCompanies(operator)
            ? 'Where your company’s people went through a door, newest first.'
            : 'Who went through which door at your sites, newest first.'
        }
        actions={
          <a href={toQueryString('/api/activity/export', filters)} className={buttonVariants('secondary')}>
            Export CSV
          </a>
        }
      />
      <FilterForm
        label="Filter activity"
        clearHref="/activity"
        showClear={filtered}
        active={activeCount}
        className="mb-4 sm:grid-cols-3 lg:grid-cols-7"
      >
        <Field id="a-from" label="From">
          <DayInput id="a-from" name="from" defaultDay={query.from} />
        </Field>
        <Field id="a-to" label="To">
          <DayInput id="a-to" name="to" defaultDay={query.to} />
        </Field>
        <Choice
          name="site"
          label="Site"
          any="All my sites"
          value={query.site}
          choices={sites.map((x) => [x.id, x.name])}
        />
        {companies.length > 0 && (
          <Choice
            name="company"
            label="Company"
            any="Any company"
            value={query.company}
            choices={companies.map((c) => [c.id, c.name])}
          />
        )}
        <Choice
          name="direction"
          label="Direction"
          value={query.direction}
          choices={DIRECTIONS.map((d) => [d, LABELS[d]])}
        />
        <Choice name="type" label="Type" value={query.type} choices={ACCESS_TYPES.map((t) => [t, LABELS[t]])} />
        <Choice name="result" label="Result" value={query.result} choices={ACCESS_RESULTS.map((r) => [r, LABELS[r]])} />
        {/* A person or a door chosen from a link stays chosen until cleared. */}
        {query.person !== undefined && <input type="hidden" name="person" value={query.person} />}
        {query.door !== undefined && <input type="hidden" name="door" value={query.door} />}
      </FilterForm>
      {(query.person !== undefined || query.door !== undefined) && (
        <p className="mb-3 text-sm text-slate-700" data-testid="activity-scope">
          {query.person !== undefined && <>Person {query.person}. </>}
          {query.door !== undefined && <>Door {query.door}. </>}
          <Link
            className="underline"
            href={toQueryString('/activity', { ...filters, person: undefined, door: undefined })}
          >
            Show everyone and every door
          </Link>
        </p>
      )}
      <ActivityFeed
        key={`${filterQuery}|${query.before ?? ''}`}
        initial={rows}
        live={!query.before}
        filterQuery={filterQuery}
        display={display}
        links={{ person: can(operator, 'people:list') ? 'users' : 'front-desk', doors: can(operator, 'sites:read') }}
      />
      <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
        {query.before && (
          <Link className="underline" href={toQueryString('/activity', filters)}>
            Newest events
          </Link>
        )}
        {olderCursor && (
          <Link className="underline" href={toQueryString('/activity', { ...filters, before: olderCursor })}>
            Older events
          </Link>
        )}
      </nav>
    </>
  );
}
