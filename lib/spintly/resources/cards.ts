import 'server-only';
import { MAX_PER_PAGE, type SpintlyUser } from '../contract';
import { SpintlyError } from '../errors';
import type { ClientContext } from './shared';
import type { UsersResource } from './users';
import { writeOnce } from './write-once';

export type AssignCardResult = { userId: number; credentialId: string; reconciled: boolean };

/**
 * Access cards: put on a person, taken back, and "whose card is this?". Assigning is never repeated blindly: after an
 * ambiguous failure the client looks up who holds the card.
 */
export function cardsResource({ transport }: ClientContext, users: Pick<UsersResource, 'listUsers' | 'getUser'>) {
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
          await transport.send('assignCard', { userId }, { credentialId }, { retry: false });
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
      await transport.send('unassignCard', { userId }, {});
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
