import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { load } from '@/lib/data/result';
import { sitesPage } from '@/lib/data/sites';

export const metadata: Metadata = { title: 'Sites' };

export default async function SitesPage() {
  const sites = await load(sitesPage);
  return (
    <>
      <PageHeader title="Sites" description="Your sites and their doors." />
      {!sites.ok ? (
        <Notice tone="error" title="Sites could not be loaded">
          {sites.message}
        </Notice>
      ) : sites.data.length === 0 ? (
        <Notice>No sites are assigned to you yet. Ask a super admin to add one.</Notice>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Sites</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Site
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Location
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Doors
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sites.data.map((site) => (
                <tr key={site.id}>
                  <td className="px-4 py-3">
                    <Link href={`/sites/${site.id}`} className="font-medium text-indigo-700 hover:underline">
                      {site.name}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{site.location ?? '—'}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{site.doorCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
