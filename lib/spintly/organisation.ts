/**
 * Which organisation the Spintly credentials belong to, compared with SPINTLY_ORG_ID. A wrong organisation id would
 * otherwise show up only as 403s on every page; this says it once, plainly, at start-up and in
 * `npm run spintly -- check`. Pure, so the words are tested.
 */
export interface OrganisationFacts {
  /** SPINTLY_ORG_ID, or null when it is not set. */
  configured: number | null;
  /** What the token host's organisation lookup answered; null when it could not be asked. */
  lookup: number | null;
  /** The access token's `sub` (Spintly's tokens are JWTs whose subject is the organisation); null when not a JWT. */
  tokenSub: number | null;
}

/** The organisation the credentials belong to, as Spintly says it: the lookup first, else the token's subject. */
export const organisationOf = (facts: OrganisationFacts) => facts.lookup ?? facts.tokenSub;

/** null when all is well; otherwise one sentence an administrator can act on. */
export function organisationProblem(facts: OrganisationFacts): string | null {
  const actual = organisationOf(facts);
  if (facts.lookup !== null && facts.tokenSub !== null && facts.lookup !== facts.tokenSub)
    return `Spintly's organisation lookup says ${facts.lookup} but the token is for ${facts.tokenSub}; ask Spintly which is right.`;
  if (facts.configured === null)
    return actual === null
      ? 'SPINTLY_ORG_ID is not set and Spintly did not say which organisation these credentials belong to: set SPINTLY_ORG_ID.'
      : null;
  if (actual !== null && actual !== facts.configured)
    return `SPINTLY_ORG_ID is ${facts.configured}, but these credentials belong to organisation ${actual}: set SPINTLY_ORG_ID=${actual} (or use the other organisation's client id and secret). Until then every call answers 403.`;
  return null;
}

/** The `sub` of a JWT as a number, or null (no JWT, no numeric subject). The signature is not checked: Spintly's is. */
export function tokenSubject(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    const n = Number(sub);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}
