import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { StepUpHost } from '@/components/auth/step-up-host';
import { MainNav } from '@/components/shell/main-nav';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { currentOperator } from '@/lib/auth/session';
import { navFor } from '@/lib/navigation';
import { setupPending } from '@/lib/auth/setup';

/** The signed-in shell. Pages check their own capability; this only needs someone signed in. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const operator = await currentOperator();
  if (!operator) redirect('/sign-in');
  const items = setupPending(operator) ? [] : navFor(operator).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only print:hidden focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="text-base font-semibold tracking-tight">
            Access portal
          </Link>
          <MainNav
            items={items}
            account={
              <div className="flex items-center justify-between gap-3 text-sm">
                <span className="text-slate-700" data-testid="signed-in-as">
                  {operator.name} · {ROLE_LABELS[operator.role]}
                </span>
                <SignOutButton />
              </div>
            }
          />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
      <StepUpHost />
    </div>
  );
}
