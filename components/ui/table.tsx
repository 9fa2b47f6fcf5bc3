import type { CSSProperties, ReactNode } from 'react';

/**
 * The portal's table frame: a bordered, scrollable box, a caption for screen readers, column headers with scope,
 * and the rows the caller renders. Tables built with TanStack render their own headers inside the same frame.
 */
export function DataTable({
  caption,
  headers,
  children,
  busy,
  stacked = true,
}: {
  caption: string;
  headers: ReactNode[];
  children: ReactNode;
  busy?: boolean;
  /** One card per row on phones, each value beside its header; off for tables whose rows are already compact. */
  stacked?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table
        className={`w-full text-left text-sm ${stacked ? 'stacked' : ''}`}
        style={stacked ? headerLabels(headers) : undefined}
        aria-busy={busy || undefined}
      >
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

/** Text headers as CSS strings (--h1, --h2, …) for the stacked layout to show beside each cell. */
function headerLabels(headers: ReactNode[]): CSSProperties {
  return Object.fromEntries(
    headers.flatMap((header, i) => (typeof header === 'string' ? [[`--h${i + 1}`, JSON.stringify(header)]] : [])),
  );
}
