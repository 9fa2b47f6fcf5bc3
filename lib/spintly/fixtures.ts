import type { SpintlyUser } from './contract';

/**
 * A Spintly person for tests: a member at site 1 with a name, an email and nothing else, unless told otherwise.
 * `company` gives them that value of the "Company" attribute.
 */
export function spintlyUser(
  id: number,
  overrides: Partial<SpintlyUser> & { company?: { termId: number; termName?: string } } = {},
): SpintlyUser {
  const { company, ...rest } = overrides;
  return {
    id,
    name: `Person ${id}`,
    email: `p${id}@example.com`,
    phone: null,
    employeeCode: null,
    uniqueId: null,
    isSignedUp: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    roles: [{ id: 1, name: 'Member' }],
    cardAssigned: false,
    credentialId: null,
    accessExpiresAt: null,
    accessExpired: false,
    deactivatedOn: null,
    reportingTo: null,
    attributes: company
      ? [{ id: 1, name: 'Company', termId: company.termId, termName: company.termName ?? `Term ${company.termId}` }]
      : [],
    homeSiteId: 1,
    ...rest,
  };
}
