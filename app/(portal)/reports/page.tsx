import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { verifySession } from '@/lib/auth/session';
import { mayRun, REPORT_NAMES, REPORTS } from '@/lib/reports';

export const metadata: Metadata = { title: 'Reports' };

/** `/reports`: the auditor's pack — each report a page and a CSV with the same rows. */
export default async function ReportsPage() {
  const operator = await verifySession({ capability: 'reports:read' });
  return (
    <>
      <PageHeader
        title="Reports"
        description="The evidence auditors ask for (ISO 27001, SOC 2): each report is a page and a CSV with the same rows. Every download is in the audit log."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        {REPORT_NAMES.filter((name) => mayRun(operator, name)).map((name) => (
          <Panel key={name} className="p-5">
            <h2 className="font-semibold">
              <Link href={`/reports/${name}`} className="underline">
                {REPORTS[name].title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{REPORTS[name].description}</p>
          </Panel>
        ))}
      </div>
    </>
  );
}
