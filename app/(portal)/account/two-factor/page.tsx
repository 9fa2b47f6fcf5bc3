import type { Metadata } from 'next';
import { ConfirmSecondFactorForm, RenewBackupCodes } from '@/components/account/second-factor-forms';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { verifySession } from '@/lib/auth/session';
import { secondFactorPage } from '@/lib/data/second-factor';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

export default async function TwoFactorPage() {
  const operator = await verifySession({ setupPage: 'second_factor' });
  const page = await secondFactorPage(operator);
  return (
    <>
      <PageHeader
        title="Two-factor sign-in"
        description="A code from an app on your phone, asked for after your password and before changes that can do great harm."
      />
      {operator.mustEnrolSecondFactor && (
        <div className="mb-6 max-w-2xl">
          <Notice tone="warning" title="Set up two-factor sign-in to go on">
            This portal asks {page.required ? 'operators with your role' : 'you'} to sign in with a second factor. It
            takes a minute, and you can use the portal as soon as it is done.
          </Notice>
        </div>
      )}
      {page.enrolled ? (
        <Panel aria-labelledby="factor-on-heading" className="max-w-2xl p-6">
          <h2 id="factor-on-heading" className="font-semibold">
            On since {page.since}
          </h2>
          <p className="mt-1 text-sm text-slate-600" data-testid="backup-codes-left">
            {page.backupCodesLeft} of 10 backup codes left. Lost your phone? A super admin can reset your two-factor
            sign-in, and you set it up again at your next sign-in.
          </p>
          <div className="mt-4">
            <RenewBackupCodes />
          </div>
        </Panel>
      ) : (
        <Panel aria-labelledby="enrol-heading" className="max-w-2xl p-6">
          <h2 id="enrol-heading" className="font-semibold">
            1. Add this portal to your authenticator app
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Scan the code with Google Authenticator, Microsoft Authenticator, 1Password or any app for time-based codes.
          </p>
          <div
            role="img"
            aria-label="QR code to scan with your authenticator app"
            className="mt-4 h-48 w-48 [&>svg]:h-full [&>svg]:w-full"
            // The SVG is made on the server by the qrcode package from this operator's own otpauth:// link.
            dangerouslySetInnerHTML={{ __html: page.qrSvg }}
          />
          <p className="mt-4 text-sm text-slate-700">
            Cannot scan? Enter this key in the app instead (time-based, 6 digits):
          </p>
          <code className="mt-1 block font-mono text-base tracking-wide" data-testid="totp-key">
            {page.typedKey}
          </code>
          <h2 className="mt-6 font-semibold">2. Enter the code the app shows</h2>
          <div className="mt-2">
            <ConfirmSecondFactorForm />
          </div>
        </Panel>
      )}
    </>
  );
}
