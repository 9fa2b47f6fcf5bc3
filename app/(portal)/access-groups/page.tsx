import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { DataTable, Td } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { groupsPage } from '@/lib/data/groups';

export const metadata: Metadata = { title: 'Access groups' };

/** `/access-groups`: named sets of doors given to people and companies, within the operator's reach. */
export default async function AccessGroupsPage() {
  const { operator, rows } = await groupsPage();
  return (
    <>
      <PageHeader
        title="Access groups"
        description="A set of doors given to people and whole companies at once. Add a door to a group and everyone in it gets it; remove someone and they keep only what they hold another way."
        actions={
          can(operator, 'groups:write') && (
            <Link href="/access-groups/new" className={buttonVariants('primary')}>
              New access group
            </Link>
          )
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
          No access groups yet.{' '}
          {can(operator, 'groups:write') && (
            <Link href="/access-groups/new" className="underline">
              Create one
            </Link>
          )}
        </p>
      ) : (
        <DataTable caption="Access groups" headers={['Group', 'Doors', 'Sites', 'Members']}>
          {rows.map((row) => (
            <tr key={row.id} data-testid="group-row">
              <Td>
                <Link href={`/access-groups/${row.id}`} className="font-medium underline">
                  {row.name}
                </Link>
                {row.description && <p className="text-xs text-slate-600">{row.description}</p>}
              </Td>
              <Td>{row.doors.join(', ')}</Td>
              <Td>{row.sites.join(', ')}</Td>
              <Td>
                {row.people} {row.people === 1 ? 'person' : 'people'}
                {row.companies > 0 && `, ${row.companies} ${row.companies === 1 ? 'company' : 'companies'}`}
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
