'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { toast } from '@/components/ui/toast';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input, describedBy } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Form } from '@/components/ui/form';
import { issueCardAction } from '@/lib/actions/cards/issue-card';
import { replaceCardAction } from '@/lib/actions/cards/replace-card';
import { takeBackCardAction } from '@/lib/actions/cards/take-back-card';
import type { ActionResult } from '@/lib/actions/safe-action';
import { CARD_NUMBER_PATTERN, CARD_NUMBER_RULE, normaliseCardNumber } from '@/lib/spintly/card-number';

/**
 * Issue, replace or take back a card. The number field works with USB card readers, which type the number and press
 * Enter. A bad number is caught here; a card held by someone else is refused by the server with who holds it.
 */
export function CardDesk({ userId, name, card }: { userId: number; name: string; card: string | null }) {
  const router = useRouter();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [noCard, setNoCard] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const input = useRef<HTMLInputElement>(null);

  const finish = (result: ActionResult, credentialId?: string) => {
    if (result.ok) {
      toast.success(result.message ?? 'Done.');
      setNumber('');
      setError(null);
      setNoCard(null);
      router.refresh();
      return;
    }
    if (result.code === 'no_card_now' && credentialId) {
      setNoCard(credentialId);
      router.refresh();
    }
    setError(result.message);
    input.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked here without zod, so the front desk page stays light; the action checks again.
    const credentialId = normaliseCardNumber(number);
    if (!CARD_NUMBER_PATTERN.test(credentialId)) {
      setError(CARD_NUMBER_RULE);
      return;
    }
    startTransition(async () => {
      const result = card
        ? await replaceCardAction(null, { userId, credentialId })
        : await issueCardAction(null, { userId, credentialId });
      finish(result, credentialId);
    });
  };

  const retryIssue = (credentialId: string) =>
    startTransition(async () => finish(await issueCardAction(null, { userId, credentialId }), credentialId));

  return (
    <section aria-labelledby="card-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="card-heading" className="font-semibold">
        Access card
      </h2>
      <p className="mt-1 text-sm" data-testid="current-card">
        {card ? `Card ${card}` : 'No card'}
      </p>
      {noCard && (
        <div className="mt-3">
          <Notice tone="warning" title={`${name} has no card right now`} testId="no-card-warning">
            <p>The old card was taken back, but card {noCard} could not be issued.</p>
            <Button className="mt-2" size="sm" pending={busy} onClick={() => retryIssue(noCard)}>
              Retry issuing card {noCard}
            </Button>
          </Notice>
        </div>
      )}
      <Form onSubmit={submit} className="mt-4 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field
            id="card-number"
            label={card ? 'New card number (replaces the lost card)' : 'Card number'}
            error={error ?? undefined}
            description="Tap the card on the USB reader, or type the number and press Enter."
          >
            <Input
              ref={input}
              id="card-number"
              autoComplete="off"
              inputMode="text"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              {...describedBy('card-number', error ?? undefined, true)}
            />
          </Field>
        </div>
        <Button type="submit" pending={busy}>
          {card ? 'Replace card' : 'Issue card'}
        </Button>
      </Form>
      {card && (
        <div className="mt-4">
          <ConfirmDialog
            trigger={
              <Button variant="danger" disabled={busy}>
                Take back card
              </Button>
            }
            title={`Take back card ${card} from ${name}?`}
            description="The card stops opening doors. You can issue it to someone else afterwards."
            confirmLabel="Take back card"
            onConfirm={() => startTransition(async () => finish(await takeBackCardAction(null, { userId })))}
          />
        </div>
      )}
    </section>
  );
}
