import 'server-only';
import { CARD_STYLES, MAX_PER_PAGE, type CardStyle, type SpintlyUser } from '../contract';
import { SpintlyError } from '../errors';
import type { ClientContext } from './shared';
import type { UsersResource } from './users';
import { writeOnce } from './write-once';

export type AssignCardResult = { userId: number; credentialId: string; reconciled: boolean };

/**
 * Access cards: put on a person, taken back, and "whose card is this?". Assigning is never repeated blindly: after an
 * ambiguous failure the client looks up who holds the card.
 */
export function cardsResource(
  { transport }: ClientContext,
  users: Pick<UsersResource, 'listUsers' | 'getUser'>,
  style: CardStyle = 'assignCard',
) {
  /** One card assignment in the organisation's style: `assignCard {credentialId}` or `assignCredential {cardType, cardId}`. */
  async function sendAssign(userId: number, credentialId: string) {
    try {
      if (style === 'assignCredential')
        await transport.send(
          'assignCredential',
          { userId },
          { cardType: 'spintly_card', cardId: credentialId },
          { retry: false },
        );
      else await transport.send('assignCard', { userId }, { credentialId }, { retry: false });
    } catch (error) {
      throw await explainNotFound(error, userId);
    }
  }

  /**
   * A 404 for a person who exists is the card endpoint itself missing: the organisation takes the other card style.
   * Said in words that name the setting; a 404 for a person who is gone stays "no longer exists".
   */
  async function explainNotFound(error: unknown, userId: number): Promise<unknown> {
    if (!(error instanceof SpintlyError && error.kind === 'not_found')) return error;
    const person = await users.getUser(userId).catch(() => null);
    if (!person) return error;
    const other = CARD_STYLES.find((s) => s !== style)!;
    return new SpintlyError({
      kind: 'not_found',
      endpoint: error.endpoint,
      status: 404,
      message: `Spintly does not know the card endpoint this portal uses (SPINTLY_CARD_STYLE=${style}). Ask your administrator to set SPINTLY_CARD_STYLE=${other} and restart the portal; no card was issued.`,
      ...(error.upstreamMessage !== undefined && { upstreamMessage: error.upstreamMessage }),
    });
  }

  async function cardHolder(credentialId: string): Promise<SpintlyUser | null> {
    const page = await users.listUsers({ search: credentialId, perPage: MAX_PER_PAGE });
    return page.items.find((user) => (user.credentialId ?? '').toUpperCase() === credentialId.toUpperCase()) ?? null;
  }

  async function explainCardConflict(error: SpintlyError, userId: number, credentialId: string) {
    try {
      const holder = await cardHolder(credentialId);
      if (holder && holder.id !== userId) return cardConflict(holder, credentialId);
      const person = await users.getUser(userId);
      if (person?.credentialId)
        return new SpintlyError({
          kind: 'conflict',
          endpoint: 'assignCard',
          status: 409,
          field: 'credentialId',
          message: `This person already has card ${person.credentialId}. Take that card back first, or use Replace card.`,
        });
    } catch {
      // keep the original
    }
    return error;
  }

  return {
    assignCard(userId: number, credentialId: string): Promise<AssignCardResult> {
      return writeOnce<AssignCardResult>(
        async () => {
          await sendAssign(userId, credentialId);
          return { userId, credentialId, reconciled: false };
        },
        async () => {
          const holder = await cardHolder(credentialId);
          if (holder?.id === userId) return { userId, credentialId, reconciled: true };
          if (holder) throw cardConflict(holder, credentialId);
          return null;
        },
        (conflict) => explainCardConflict(conflict, userId, credentialId),
      );
    },
    unassignCard: async (userId: number) => {
      try {
        await transport.send(style === 'assignCredential' ? 'unassignCredential' : 'unassignCard', { userId }, {});
      } catch (error) {
        throw await explainNotFound(error, userId);
      }
    },
    cardHolder,
  };
}

function cardConflict(holder: SpintlyUser, credentialId: string) {
  return new SpintlyError({
    kind: 'conflict',
    endpoint: 'assignCard',
    status: 409,
    field: 'credentialId',
    holderId: holder.id,
    message: `Card ${credentialId} already belongs to someone else. Take it back from them first, or use another card.`,
  });
}
