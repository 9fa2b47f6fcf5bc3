'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/field';
import { useServerAction } from '@/components/ui/use-server-action';
import { eraseRequestAction, refuseRequestAction } from '@/lib/actions/privacy/requests';

/** Answer a request: erase (after a confirmation and a fresh code), or refuse with the reason. */
export function RequestActions({ requestId, deleteInSpintly }: { requestId: string; deleteInSpintly: boolean }) {
  const [reason, setReason] = useState('');
  const erase = useServerAction(eraseRequestAction);
  const refuse = useServerAction(refuseRequestAction);
  const pending = erase.pending || refuse.pending;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <ConfirmDialog
          trigger={
            <Button variant="danger" disabled={pending}>
              Erase now
            </Button>
          }
          title="Erase this person’s data?"
          description={`This cannot be undone.${deleteInSpintly ? ' They are deleted in Spintly first, with their cards and permissions.' : ''} The portal keeps counts and times, never the name.`}
          confirmLabel="Erase"
          onConfirm={() => void erase.run({ requestId })}
        />
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-72 flex-col gap-1 text-sm font-medium">
          Or refuse, with the reason
          <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </label>
        <Button
          variant="secondary"
          disabled={pending || reason.trim() === ''}
          onClick={() => void refuse.run({ requestId, reason })}
        >
          Refuse
        </Button>
      </div>
    </div>
  );
}
