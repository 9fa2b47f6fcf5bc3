'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

/** Backup codes, shown once: each signs in once when the phone is not at hand. */
export function BackupCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  return (
    <Notice tone="warning" title="Save your backup codes now">
      <p>
        Each code works once, instead of a code from your app. They are not shown again: keep them somewhere safe, away
        from your phone.
      </p>
      <ol className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-base" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Button
        type="button"
        variant="secondary"
        className="mt-3"
        onClick={() =>
          void navigator.clipboard?.writeText(codes.join('\n')).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy the codes'}
      </Button>
    </Notice>
  );
}
