import Link from 'next/link';
import { Fragment } from 'react';

/** Where this page sits: links to each page above it, then this page's name (marked as the current page). */
export function Breadcrumbs({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      {trail.map(({ href, label }) => (
        <Fragment key={href}>
          <Link href={href} className="text-indigo-700 underline">
            {label}
          </Link>{' '}
          <span aria-hidden>/</span>{' '}
        </Fragment>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
