import type { Metadata } from 'next';
import { LoadError } from '@/components/ui/load-error';
import Link from 'next/link';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { load } from '@/lib/data/result';
import { sitesPage } from '@/lib/data/sites';

export const metadata: Metadata = { title: 'Sites' };

export default async function SitesPage() {
  const sites = await load(sitesPage);
  return (
    <>
      <PageHeader title="Sites" description="Your sites and their doors." />
      {!sites.ok ? (
        <LoadError what="sites" message={sites.message} />
      ) : sites.data.length === 0 ? (
        <Notice>No sites are assigned to you yet. Ask a super admin to add one.</Notice>
      ) : (
        <DataTable caption="Sites" headers={['Site', 'Location', 'Doors']}>
          {sites.data.map((site) => (
            <tr key={site.id}>
              <Td>
                <Link href={`/sites/${site.id}`} className="font-medium text-indigo-700 hover:underline">
                  {site.name}
                </Link>
              </Td>
              <Td className="text-slate-700">{site.location ?? '—'}</Td>
              <Td className="tabular-nums">{site.doorCount}</Td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
