'use client';

import { tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useRowSelection } from '@/components/ui/use-row-selection';
import type { PersonRow } from '@/lib/data/people';

// Selection is a set of ids kept here rather than TanStack's row-selection feature: the list is one flat page, and the
// feature (sub-rows, ranges) weighed ≈ 1.9 kB gzip on a route at the 150 kB budget.
const features = tableFeatures({});

const columns: ColumnDef<typeof features, PersonRow>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => (
      <Link href={`/users/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  {
    id: 'contact',
    header: 'Email / phone',
    cell: ({ row }) => <span>{row.original.email ?? row.original.phone ?? '—'}</span>,
  },
  { id: 'code', header: 'Employee code', cell: ({ row }) => row.original.employeeCode ?? '—' },
  { id: 'site', header: 'Home site', cell: ({ row }) => row.original.homeSiteName },
  { id: 'roles', header: 'Role', cell: ({ row }) => row.original.roles.join(', ') },
  { id: 'card', header: 'Card', cell: ({ row }) => row.original.card ?? <span className="text-slate-500">none</span> },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row }) =>
      !row.original.active ? (
        <span className="text-red-800">Inactive</span>
      ) : row.original.accessExpired ? (
        <span className="text-amber-800">Access expired</span>
      ) : (
        <span className="text-green-800">Active</span>
      ),
  },
];

const LINK_BUTTON = 'rounded-md border px-3 py-1.5 text-sm font-medium';

/**
 * The people list with row selection; activate, deactivate, delete and offboard lead to a page that names who and
 * starts a job (finished on the server with the tab closed).
 */
export function PeopleTable({ rows, canEdit }: { rows: PersonRow[]; canEdit: boolean }) {
  const selection = useRowSelection(rows.map((row) => row.id));
  const { selectedIds } = selection;
  const n = selectedIds.length;
  const table = useTable({ features, columns, data: rows, getRowId: (row) => String(row.id) });

  return (
    <>
      {canEdit && (
        <div className="mb-2 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Bulk actions">
          <span className="text-sm text-slate-700" aria-live="polite">
            {n === 0 ? 'Select people for bulk actions' : `${n} selected`}
          </span>
          {/* Each runs as a job on its own page, which lists who and asks before anything is done. */}
          {(
            [
              ['/users/bulk?action=activate&ids=', 'Activate…', 'border-slate-300 text-slate-800 hover:bg-slate-50'],
              [
                '/users/bulk?action=deactivate&ids=',
                'Deactivate…',
                'border-slate-300 text-slate-800 hover:bg-slate-50',
              ],
              ['/users/bulk?action=delete&ids=', 'Delete…', 'border-red-300 text-red-800 hover:bg-red-50'],
              ['/users/offboard?ids=', 'Offboard…', 'border-red-300 text-red-800 hover:bg-red-50'],
            ] as const
          ).map(([page, label, tone]) => (
            <Link
              key={label}
              href={`${page}${selectedIds.join(',')}`}
              aria-disabled={n === 0 || undefined}
              className={`${LINK_BUTTON} ${tone} ${n === 0 ? 'pointer-events-none opacity-50' : ''}`}
            >
              {label}
            </Link>
          ))}
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="stacked w-full text-left text-sm">
          <caption className="sr-only">People</caption>
          <thead className="bg-slate-50 text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {canEdit && (
                  <th scope="col" className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label="Select everyone on this page"
                      checked={selection.allSelected}
                      onChange={selection.toggleAll}
                    />
                  </th>
                )}
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className="px-3 py-2 font-medium">
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={selection.isSelected(row.original.id) ? 'bg-indigo-50' : undefined}>
                {canEdit && (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.original.name}`}
                      checked={selection.isSelected(row.original.id)}
                      onChange={() => selection.toggle(row.original.id)}
                    />
                  </td>
                )}
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className="px-3 py-2"
                    data-label={
                      typeof cell.column.columnDef.header === 'string' ? cell.column.columnDef.header : undefined
                    }
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
