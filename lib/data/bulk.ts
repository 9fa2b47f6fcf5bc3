import 'server-only';
import { z } from 'zod';
import { verifySession } from '../auth/session';
import { BULK_ACTIONS, BULK_WORDS } from '../jobs/people-bulk';
import { parseQuery } from '../validation/query';
import { listPeopleInScope, peopleQuerySchema } from './people';
import { singleParam } from '../validation/params';
import { parseIds, selectedPeople } from './offboard';

const EXPLAIN: Record<(typeof BULK_ACTIONS)[number], string> = {
  activate: 'Their doors open for them again.',
  deactivate: 'No door opens for them until they are activated again; their doors and cards are kept.',
  offboard: 'Each person’s card is taken back, every door removed and the person deactivated.',
  delete: 'They are removed from Spintly with their cards and door permissions. This cannot be undone.',
};

/** The confirmation page of a change to everyone a /users filter matches: the action, the filter, the count now. */
export async function bulkPage(params: Record<string, string | string[] | undefined>) {
  const operator = await verifySession({ capability: 'people:manage' });
  const action = z.enum(BULK_ACTIONS).catch('deactivate').parse(singleParam(params.action));
  const words = { ...BULK_WORDS[action], explain: EXPLAIN[action] };
  // A selection from /users (`?ids=`): the people named, each checked against the operator's sites.
  if (params.ids !== undefined) {
    const { people, missing } = await selectedPeople(operator, parseIds(singleParam(params.ids)));
    return { operator, action, words, selection: { people, missing } } as const;
  }
  const filter = parseQuery(peopleQuerySchema, params);
  const { total } = await listPeopleInScope(operator, { ...filter, page: 1 }, 1);
  const parts = [
    filter.search && `matching “${filter.search}”`,
    filter.status !== 'all' && `${filter.status}`,
    filter.card === 'yes' && 'with a card',
    filter.card === 'no' && 'without a card',
    filter.expired === 'yes' && 'whose access expired',
    filter.expired === 'no' && 'whose access has not expired',
    filter.site && `home site ${filter.site}`,
    filter.role && `Spintly role ${filter.role}`,
  ].filter(Boolean);
  return {
    operator,
    action,
    words,
    selection: null,
    filter: { ...filter, page: 1 },
    total,
    described: parts.length > 0 ? `People at your sites: ${parts.join(', ')}.` : 'Everyone at your sites.',
  };
}
