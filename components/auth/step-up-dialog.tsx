'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, Input } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { Notice } from '@/components/ui/notice';
import { stepUpAction } from '@/lib/actions/account/step-up';

/** "Confirm it's you": one code from the app (or a backup code) before a change that can do great harm. */
export function StepUpDialog({ onAnswer }: { onAnswer: (accepted: boolean) => void }) {
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // Plain state, not a transition: the change that asked for the code is itself a transition still waiting on this
  // dialog, and React keeps every entangled transition pending until all end — the button would never come back.
  const [pending, setPending] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setPending(true);
    const result = await stepUpAction(null, { code }).finally(() => setPending(false));
    if (result.ok) return onAnswer(true);
    setMessage(result.message);
    setCode('');
  };
  return (
    <Modal
      open
      onClose={() => onAnswer(false)}
      closeOnBackdrop={false}
      title="Confirm it’s you"
      description="This change can do a lot of harm, so it needs a fresh code. You will not be asked again for 10 minutes."
    >
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" data-testid="step-up-form">
        {message && (
          <Notice tone="error" testId="step-up-error">
            {message}
          </Notice>
        )}
        <FormField id="step-up-code" label="Two-factor code">
          {(control) => (
            <Input
              {...control}
              name="code"
              autoFocus
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </FormField>
        <p className="text-xs text-slate-600">The 6-digit code your authenticator app shows now, or a backup code.</p>
        <div className="flex gap-3">
          <Button type="submit" pending={pending} disabled={code.trim() === ''}>
            Confirm
          </Button>
          <Button type="button" variant="secondary" onClick={() => onAnswer(false)}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
