'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * The portal's navigation and account area. From 1024 px up it is one row in the header; below, a Menu button opens
 * it as a panel, so the header stays one line on tablets and phones instead of wrapping to three or four.
 */
export function MainNav({ items, account }: { items: { href: string; label: string }[]; account: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 lg:hidden"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Close menu' : 'Menu'}
      </button>
      <div
        id="main-menu"
        className={cn(
          'w-full flex-col gap-3 border-t border-slate-200 pt-3 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center lg:border-0 lg:pt-0',
          open ? 'flex' : 'hidden',
        )}
        // A link followed from the open menu closes it (the header stays on screen between pages).
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpen(false);
        }}
      >
        <nav aria-label="Main" className="lg:flex-1">
          <ul className="flex flex-col gap-1 lg:flex-row lg:flex-wrap">
            {items.map((item) => {
              const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? 'page' : undefined}
                    className={cn(
                      'block rounded-md px-3 py-2 text-sm font-medium',
                      current ? 'bg-indigo-50 text-indigo-800' : 'text-slate-700 hover:bg-slate-100',
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        {account}
      </div>
    </>
  );
}
