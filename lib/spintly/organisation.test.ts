import { describe, expect, it } from 'vitest';
import { organisationProblem, tokenSubject } from './organisation';

describe('organisation check', () => {
  it('says nothing when SPINTLY_ORG_ID matches what Spintly says', () => {
    expect(organisationProblem({ configured: 4242, lookup: 4242, tokenSub: 4242 })).toBeNull();
    expect(organisationProblem({ configured: 4242, lookup: null, tokenSub: 4242 })).toBeNull();
    expect(organisationProblem({ configured: null, lookup: 4242, tokenSub: null })).toBeNull();
  });

  it('names the right value when SPINTLY_ORG_ID is wrong', () => {
    expect(organisationProblem({ configured: 4243, lookup: 4242, tokenSub: 4242 })).toBe(
      "SPINTLY_ORG_ID is 4243, but these credentials belong to organisation 4242: set SPINTLY_ORG_ID=4242 (or use the other organisation's client id and secret). Until then every call answers 403.",
    );
    expect(organisationProblem({ configured: 7, lookup: null, tokenSub: 4242 })).toMatch(/set SPINTLY_ORG_ID=4242/);
  });

  it('asks for SPINTLY_ORG_ID when it is unset and Spintly does not say; flags a lookup that contradicts the token', () => {
    expect(organisationProblem({ configured: null, lookup: null, tokenSub: null })).toMatch(/set SPINTLY_ORG_ID\.$/);
    expect(organisationProblem({ configured: 4242, lookup: 4242, tokenSub: 9 })).toMatch(
      /lookup says 4242 but the token is for 9/,
    );
  });

  it('reads the organisation from a JWT subject, and nothing from anything else', () => {
    const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
    expect(tokenSubject(jwt({ sub: '4242' }))).toBe(4242);
    expect(tokenSubject(jwt({ sub: 'abc' }))).toBeNull();
    expect(tokenSubject('opaque-token')).toBeNull();
  });
});
