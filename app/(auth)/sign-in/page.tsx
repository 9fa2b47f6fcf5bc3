import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Notice } from '@/components/ui/notice';
import { singleSignOn } from '@/lib/auth';
import { currentOperator } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

/** What a single sign-on that came back with `?error=` (Auth.js's error code) means for the person at the screen. */
function ssoError(code: string | undefined): string | null {
  if (!code) return null;
  if (code === 'AccessDenied')
    return 'Your identity provider signed you in, but no active operator of this portal has that email. Ask a super admin to add you, or to enable your account.';
  return 'Single sign-on did not complete. Try again, or sign in with your email and password.';
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  if (await currentOperator()) redirect('/');
  const sso = singleSignOn();
  const error = ssoError(typeof params.error === 'string' ? params.error : undefined);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">Access portal for your sites, doors and people.</p>
        {params.changed === '1' && (
          <div className="mt-4">
            <Notice tone="success">Password changed. Sign in with your new password.</Notice>
          </div>
        )}
        {error && (
          <div className="mt-4" data-testid="sso-error">
            <Notice tone="error" title="Not signed in">
              {error}
            </Notice>
          </div>
        )}
        <SignInForm callbackUrl={callbackUrl} ssoName={sso?.name} />
      </div>
    </main>
  );
}
