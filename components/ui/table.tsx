import type { ReactNode } from 'react';

/**
 * The portal's table frame: a bordered, scrollable box, a caption for screen readers, column headers with scope,
 * and the rows the caller renders. Tables built with TanStack render their own headers inside the same frame.
 */
export function DataTable({
  caption,
  headers,
  children,
  busy,
}: {
  caption: string;
  headers: ReactNode[];
  children: ReactNode;
  busy?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-busy={busy || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {headers.map((header, i) => (
              <th key={i} scope="col" className="px-4 py-2 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={`px-4 py-2 ${className ?? ''}`}>{children}</td>;
}
