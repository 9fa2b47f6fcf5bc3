import 'server-only';
import { personInScope } from '../../auth/permissions';
import { SpintlyError } from '../../spintly/errors';
import { type ActionContext } from '../safe-action';
import { Refusal } from '../../core/refusal';

/** "Card 123 already belongs to Asha Rao" — the holder named only when the operator may see them. */
export async function cardTaken(
  credentialId: string,
  holderId: number,
  { operator, spintly }: ActionContext,
): Promise<Refusal> {
  const holder = await spintly.getUser(holderId).catch(() => null);
  const who = holder && personInScope(operator, holder) ? holder.name : 'someone at a site you do not manage';
  return new Refusal(
    `Card ${credentialId} already belongs to ${who}. Nothing was changed; take it back from them first, or use another card.`,
    { field: 'credentialId', code: 'card_taken' },
  );
}

/** Spintly's 409 about a card held by someone else, turned into that message; anything else passes through. */
export async function rethrowCardConflict(error: unknown, credentialId: string, ctx: ActionContext): Promise<never> {
  if (error instanceof SpintlyError && error.kind === 'conflict' && error.holderId !== undefined)
    throw await cardTaken(credentialId, error.holderId, ctx);
  throw error;
}
