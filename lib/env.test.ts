import { describe, expect, it } from 'vitest';
import { ConfigError, portalEnv, sandboxEnv } from './env';

describe('portalEnv', () => {
  it('refuses a retention of access events or audit records below the one-year floor, saying why', () => {
    expect(() => portalEnv({ ACTIVITY_RETENTION_DAYS: '30' })).toThrow(/ACTIVITY_RETENTION_DAYS.*at least 365 days/);
    expect(() => portalEnv({ AUDIT_RETENTION_DAYS: '364' })).toThrow(/logs of processing/);
    expect(portalEnv({ ACTIVITY_RETENTION_DAYS: '365' }).activity.retentionDays).toBe(365);
    expect(portalEnv({}).worker.auditRetentionDays).toBe(730);
  });

  it('asks super admins for a second factor unless REQUIRE_2FA says otherwise', () => {
    expect(portalEnv({}).auth.secondFactorPolicy).toBe('super_admin');
    expect(portalEnv({ REQUIRE_2FA: 'all' }).auth.secondFactorPolicy).toBe('all');
    expect(() => portalEnv({ REQUIRE_2FA: 'sometimes' })).toThrow(ConfigError);
  });

  it('with nothing set, talks to the local sandbox with its demo credentials', () => {
    const env = portalEnv({});
    expect(env.spintly).toMatchObject({
      apiUrl: 'http://127.0.0.1:4010',
      tokenStyle: 'saams',
      tokenUrl: 'http://127.0.0.1:4010/saamsIdm/oauth/token',
      clientId: 'demo-client',
      orgId: 4242,
      usesSandbox: true,
      maxConcurrency: 8,
      maxReadConcurrency: 48,
    });
  });

  it('for a real Spintly, requires client id and secret, naming each missing one; the org id may be learnt', () => {
    expect(() => portalEnv({ SPINTLY_API_URL: 'https://saams.api.spintly.com' })).toThrow(ConfigError);
    let message = '';
    try {
      portalEnv({ SPINTLY_API_URL: 'https://saams.api.spintly.com', SPINTLY_CLIENT_SECRET: 's3cr3t-value' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SPINTLY_CLIENT_ID');
    expect(message).not.toContain('SPINTLY_ORG_ID');
    expect(message).not.toContain('SPINTLY_CLIENT_SECRET');
    expect(message).not.toContain('s3cr3t-value');
  });

  it('leaves the organisation to be learnt from Spintly when SPINTLY_ORG_ID is unset, and picks the card style', () => {
    const env = portalEnv({
      SPINTLY_API_URL: 'https://saams.api.spintly.com',
      SPINTLY_CLIENT_ID: 'c',
      SPINTLY_CLIENT_SECRET: 's',
    });
    expect(env.spintly.orgId).toBeUndefined();
    expect(env.spintly.cardStyle).toBe('assignCard');
    expect(portalEnv({ SPINTLY_CARD_STYLE: 'assignCredential' }).spintly.cardStyle).toBe('assignCredential');
    expect(() => portalEnv({ SPINTLY_CARD_STYLE: 'assignBadge' })).toThrow(/SPINTLY_CARD_STYLE/);
  });

  it('derives the token URL from the style, and honours an explicit one', () => {
    const real = {
      SPINTLY_API_URL: 'https://saams.api.spintly.com/',
      SPINTLY_CLIENT_ID: 'c',
      SPINTLY_CLIENT_SECRET: 's',
      SPINTLY_ORG_ID: '7',
    };
    expect(portalEnv({ ...real, SPINTLY_TOKEN_STYLE: 'oauth' }).spintly.tokenUrl).toBe(
      'https://saams.api.spintly.com/identityManagement/v2/oauth/token',
    );
    expect(
      portalEnv({ ...real, SPINTLY_TOKEN_URL: 'https://gw.example.com/saamsIdm/oauth/token' }).spintly.tokenUrl,
    ).toBe('https://gw.example.com/saamsIdm/oauth/token');
    expect(portalEnv(real).spintly.orgId).toBe(7);
  });

  it('asks for all three single sign-on settings together, with the sandbox too', () => {
    expect(() => portalEnv({ AUTH_OIDC_ISSUER: 'https://idp.example.com' })).toThrow(/AUTH_OIDC_ISSUER/);
    expect(
      portalEnv({
        AUTH_OIDC_ISSUER: 'https://idp.example.com',
        AUTH_OIDC_CLIENT_ID: 'portal',
        AUTH_OIDC_CLIENT_SECRET: 'oidc-secret',
      }).auth.oidc,
    ).toMatchObject({ issuer: 'https://idp.example.com', clientId: 'portal' });
  });

  it('has session and proxy defaults: 12 h from sign-in, no trusted proxy, reads bounded to 10 s', () => {
    expect(portalEnv({}).auth).toMatchObject({ sessionMaxAgeS: 12 * 3600, trustedProxyHops: 0 });
    expect(portalEnv({}).spintly).toMatchObject({ readTimeoutMs: 4000, readBudgetMs: 10_000 });
    expect(portalEnv({ SESSION_MAX_AGE_H: '8', TRUSTED_PROXY_HOPS: '2' }).auth).toMatchObject({
      sessionMaxAgeS: 8 * 3600,
      trustedProxyHops: 2,
    });
  });

  it('shows times in India by default, and takes another zone and locale', () => {
    expect(portalEnv({}).display).toEqual({ timeZone: 'Asia/Kolkata', locale: 'en-IN' });
    expect(portalEnv({ PORTAL_TIME_ZONE: 'Europe/London', PORTAL_LOCALE: 'en-GB' }).display).toEqual({
      timeZone: 'Europe/London',
      locale: 'en-GB',
    });
    expect(() => portalEnv({ PORTAL_TIME_ZONE: 'Mars/Olympus' })).toThrow(/PORTAL_TIME_ZONE/);
  });

  it('refuses malformed values', () => {
    expect(() => portalEnv({ SPINTLY_TOKEN_STYLE: 'basic' })).toThrow(/SPINTLY_TOKEN_STYLE/);
    expect(() => portalEnv({ SPINTLY_MAX_CONCURRENCY: '0' })).toThrow(/SPINTLY_MAX_CONCURRENCY/);
  });
});

describe('sandboxEnv', () => {
  it('has the documented defaults and reads overrides', () => {
    expect(sandboxEnv({})).toMatchObject({
      port: 4010,
      orgId: 4242,
      clientId: 'demo-client',
      users: 300,
      doorsPerSite: 15,
      syncMs: 3000,
    });
    expect(sandboxEnv({ SANDBOX_PORT: '4999', SANDBOX_USERS: '20000', SANDBOX_DOORS_PER_SITE: '170' })).toMatchObject({
      port: 4999,
      users: 20000,
      doorsPerSite: 170,
    });
    expect(() => sandboxEnv({ SANDBOX_USERS: 'many' })).toThrow(/SANDBOX_USERS/);
  });
});
