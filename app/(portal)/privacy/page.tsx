import type { Metadata } from 'next';
import Link from 'next/link';
import { RecordRequestForm } from '@/components/privacy/record-request-form';
import { PageHeader } from '@/components/ui/page-header';
import { SearchBox } from '@/components/ui/search-box';
import { Panel } from '@/components/ui/panel';
import { DataTable, Td } from '@/components/ui/table';
import { privacyPage } from '@/lib/data/privacy';

export const metadata: Metadata = { title: 'Privacy requests' };

/** `/privacy?find=&subject=`: erasure requests — what is due, and recording a new one. */
export default async function PrivacyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { query, today, requests, found, subject, retention } = await privacyPage(await searchParams);
  return (
    <>
      <PageHeader
        title="Privacy requests"
        description="Requests to erase a person’s or a visitor’s data (DPDP Act 2023), each answered within 90 days: erased, or refused with the reason."
      />
      {requests.length === 0 ? (
        <p className="mb-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          No requests yet.
        </p>
      ) : (
        <div className="mb-6">
          <DataTable caption="Erasure requests" headers={['About', 'Asked by', 'Received', 'Due', 'Status']}>
            {requests.map((r) => (
              <tr key={r.id} data-testid="request-row">
                <Td>
                  <Link href={`/privacy/${r.id}`} className="font-medium underline">
                    {r.subject}
                  </Link>
                  <div className="text-xs text-slate-600">{r.kind}</div>
                </Td>
                <Td>{r.requestedBy}</Td>
                <Td>{r.received}</Td>
                <Td>
                  <span className={r.overdue ? 'font-medium text-red-700' : undefined}>
                    {r.due}
                    {r.overdue && ' (overdue)'}
                  </span>
                </Td>
                <Td>{r.status}</Td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <Panel aria-labelledby="new-request-heading" className="p-6">
        <h2 id="new-request-heading" className="font-semibold">
          Record a request
        </h2>
        {subject ? (
          <div className="mt-3">
            <RecordRequestForm subject={subject} today={today} />
          </div>
        ) : (
          <>
            <SearchBox
              action="/privacy"
              id="privacy-find"
              name="find"
              label="Name, phone or email"
              defaultValue={query.find}
              className="mt-3 flex flex-wrap gap-2"
            />
            {found && (
              <ul className="mt-3 grid gap-1 text-sm" data-testid="privacy-found">
                {found.length === 0 && <li>Nobody found.</li>}
                {found.map((p) => (
                  <li key={p.id}>
                    <Link href={`/privacy?subject=${p.id}`} className="font-medium underline">
                      {p.name}
                    </Link>{' '}
                    <span className="text-slate-600">{p.contact}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Panel>
      <section aria-labelledby="retention-heading" className="mt-6">
        <h2 id="retention-heading" className="mb-2 font-semibold">
          How long personal data is kept
        </h2>
        <DataTable caption="Retention" headers={['Data', 'Kept for', 'Setting', 'Last purge']}>
          {retention.map((r) => (
            <tr key={r.what} data-testid="retention-row">
              <Td>{r.what}</Td>
              <Td>{r.kept}</Td>
              <Td>
                <code>{r.setting}</code>
              </Td>
              <Td>{r.lastPurge}</Td>
            </tr>
          ))}
        </DataTable>
        <p className="mt-2 text-xs text-slate-600">
          Access events and audit records are logs of processing: the portal will not start with less than 365 days for
          either. Each purge is a background task that records how many rows it removed, never what they were.
        </p>
      </section>
    </>
  );
}
