import { describe, expect, it } from 'vitest';
import { SAAMS_GRANT_TYPE } from '../../lib/spintly/contract';
import { PATHS, openHarness, page, sandboxPerFile } from './harness';

const harness = sandboxPerFile();

function decode(token: string) {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(payload!, 'base64url').toString()),
  };
}

describe('token endpoints', () => {
  it('SAAMS style: camelCase body, enveloped answer, RS256 JWT with the org id in sub', async () => {
    const { url } = harness();
    const response = await fetch(`${url}/saamsIdm/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'demo-client', clientSecret: 'demo-secret', grantType: SAAMS_GRANT_TYPE }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.type).toBe('success');
    expect(body.message.statusCode).toBe(200);
    const payload = body.message.payload;
    expect(Object.keys(payload).sort()).toEqual(
      ['access_token', 'expires_in', 'issued_token_type', 'refresh_token', 'token_type'].sort(),
    );
    expect(payload.expires_in).toBe(3600);
    const { header, claims } = decode(payload.access_token);
    expect(header.alg).toBe('RS256');
    expect(claims.sub).toBe('4242');
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('plain OAuth style accepts a snake_case JSON body and answers bare', async () => {
    const { url } = harness();
    const response = await fetch(`${url}/identityManagement/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'demo-client',
        client_secret: 'demo-secret',
        grant_type: 'client_credentials',
      }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.type).toBeUndefined();
    expect(typeof body.access_token).toBe('string');
    expect(body.token_type).toBe('Bearer');
    expect(decode(body.access_token).claims.sub).toBe('4242');
  });

  it('plain OAuth style accepts a form-encoded body', async () => {
    const { url } = harness();
    const response = await fetch(`${url}/identityManagement/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: 'demo-client',
        client_secret: 'demo-secret',
        grant_type: 'client_credentials',
      }),
    });
    expect(response.status).toBe(200);
    expect(typeof (await response.json()).access_token).toBe('string');
  });

  it('wrong credentials get 401 in each style, a malformed request 400 naming the field', async () => {
    const { url } = harness();
    const saams = await fetch(`${url}/saamsIdm/oauth/token`, {
      method: 'POST',
      body: JSON.stringify({ clientId: 'demo-client', clientSecret: 'nope', grantType: SAAMS_GRANT_TYPE }),
    });
    expect(saams.status).toBe(401);
    expect(await saams.json()).toEqual({ type: 'error', message: 'Invalid client credentials' });

    const oauth = await fetch(`${url}/identityManagement/v2/oauth/token`, {
      method: 'POST',
      body: JSON.stringify({ client_id: 'x', client_secret: 'y', grant_type: 'client_credentials' }),
    });
    expect(oauth.status).toBe(401);
    expect((await oauth.json()).error).toBe('invalid_client');

    const malformed = await fetch(`${url}/saamsIdm/oauth/token`, {
      method: 'POST',
      body: JSON.stringify({ clientId: 'demo-client', clientSecret: 'demo-secret', grantType: 'password' }),
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).message).toContain('grantType');
  });
});

describe('API authentication', () => {
  it('accepts "Bearer <token>" and the raw token', async () => {
    const h = harness();
    expect((await h.call('POST', PATHS.sites, page(), `Bearer ${h.token}`)).status).toBe(200);
    expect((await h.call('POST', PATHS.sites, page(), h.token)).status).toBe(200);
  });

  it('answers 401 with no token or a forged one', async () => {
    const h = harness();
    const none = await h.call('POST', PATHS.sites, page(), null);
    expect(none.status).toBe(401);
    expect(none.json.type).toBe('error');
    const [header, payload] = h.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not-a-signature').toString('base64url')}`;
    expect((await h.call('POST', PATHS.sites, page(), forged)).status).toBe(401);
  });

  it("refuses a token for one organisation on another organisation's path with 403", async () => {
    const h = harness();
    const otherOrgToken = await h.newToken('other-client', 'other-secret');
    const onOurs = await h.call('POST', PATHS.sites, page(), otherOrgToken);
    expect(onOurs.status).toBe(403);
    expect(onOurs.json.message).toContain('4242');
    const onTheirs = await h.call('POST', PATHS.sites.replace('4242', '4243'), page());
    expect(onTheirs.status).toBe(403);
  });

  it('revoking tokens makes earlier ones fail with 401 until a new one is fetched', async () => {
    const h = harness();
    const old = h.token;
    expect((await h.control('POST', '/tokens/revoke')).status).toBe(200);
    expect((await h.call('POST', PATHS.sites, page(), old)).status).toBe(401);
    h.token = await h.newToken();
    expect((await h.call('POST', PATHS.sites, page())).status).toBe(200);
  });

  it('counts only access tokens issued, and DELETE /__sandbox/stats starts the count again', async () => {
    const h = harness();
    await h.control('DELETE', '/stats');
    await h.newToken();
    await h.newToken();
    const stats = await h.control('GET', '/stats');
    expect(stats.json.tokensIssued).toBe(2);
  });
});

describe('token lifetime', () => {
  it('a token stops working when its configured lifetime is over', async () => {
    let now = Date.parse('2026-06-01T10:00:00Z');
    const h = await openHarness({ tokenTtlS: 60, now: () => now });
    try {
      expect((await h.call('POST', PATHS.sites, page())).status).toBe(200);
      now += 59_000;
      expect((await h.call('POST', PATHS.sites, page())).status).toBe(200);
      now += 1_000;
      const expired = await h.call('POST', PATHS.sites, page());
      expect(expired.status).toBe(401);
      expect(expired.json.message).toMatch(/expired/);
    } finally {
      await h.sandbox.close();
    }
  });
});
