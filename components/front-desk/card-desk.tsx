'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input, describedBy } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Form } from '@/components/ui/form';
import { useServerAction, type ServerActionOptions } from '@/components/ui/use-server-action';
import { issueCardAction } from '@/lib/actions/cards/issue-card';
import { replaceCardAction } from '@/lib/actions/cards/replace-card';
import { NO_CARD_NOW, UNKNOWN_OUTCOME } from '@/lib/actions/result-codes';
import { takeBackCardAction } from '@/lib/actions/cards/take-back-card';
import { CARD_NUMBER_PATTERN, CARD_NUMBER_RULE, normaliseCardNumber } from '@/lib/spintly/card-number';
import { Panel } from '@/components/ui/panel';

/**
 * Issue, replace or take back a card. The number field works with USB card readers, which type the number and press
 * Enter. A bad number is caught here; a card held by someone else is refused by the server with who holds it.
 */
export function CardDesk({
  userId,
  name,
  card,
  focusOnOpen = true,
}: {
  userId: number;
  name: string;
  card: string | null;
  /** At the front desk the card field takes focus when a person opens; on the person page it waits to be used. */
  focusOnOpen?: boolean;
}) {
  const router = useRouter();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [noCard, setNoCard] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  /** The card number being issued, for the "has no card right now" warning if a replace stops half-way. */
  const attempted = useRef<string | null>(null);

  // A person was just picked: the next thing the desk does is tap their card on the reader, which types into the
  // focused field. Were focus left in the search box, the number would become a search and no card would be issued.
  useEffect(() => {
    if (focusOnOpen) input.current?.focus();
  }, [focusOnOpen]);

  const options: ServerActionOptions<unknown> = {
    onSuccess: () => {
      setNumber('');
      setError(null);
      setNoCard(null);
    },
    onError: (result) => {
      if (result.code === NO_CARD_NOW && attempted.current) {
        setNoCard(attempted.current);
        router.refresh();
      }
      setError(result.message);
      input.current?.focus();
      // Shown beside the field; a change Spintly did not confirm also gets the toast with "Check now".
      return result.code === UNKNOWN_OUTCOME ? undefined : 'handled';
    },
  };
  const issue = useServerAction(issueCardAction, options);
  const replace = useServerAction(replaceCardAction, options);
  const takeBack = useServerAction(takeBackCardAction, options);
  const busy = issue.pending || replace.pending || takeBack.pending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked here without zod, so the front desk page stays light; the action checks again.
    const credentialId = normaliseCardNumber(number);
    if (!CARD_NUMBER_PATTERN.test(credentialId)) {
      setError(CARD_NUMBER_RULE);
      return;
    }
    attempted.current = credentialId;
    void (card ? replace : issue).run({ userId, credentialId });
  };

  const retryIssue = (credentialId: string) => {
    attempted.current = credentialId;
    void issue.run({ userId, credentialId });
  };

  return (
    <Panel aria-labelledby="card-heading" className="p-6">
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
            onConfirm={() => {
              attempted.current = null;
              void takeBack.run({ userId });
            }}
          />
        </div>
      )}
    </Panel>
  );
}
