import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { readSessionToken } from './session-token';

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const PLAIN = 'authjs.session-token';
const SECURE = '__Secure-authjs.session-token';

const sealed = (name: string, claims: Record<string, unknown>, maxAge = 3600, secret = SECRET) =>
  encode({ token: { sub: 'op-1', sv: 3, ...claims }, secret, salt: name, maxAge });
const withCookie = (name: string, value: string) => new Headers({ cookie: `${name}=${value}` });

describe('readSessionToken', () => {
  it('reads the operator id and session version from the plain or the __Secure- cookie', async () => {
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN, {})), SECRET)).toMatchObject({
      sub: 'op-1',
      sv: 3,
    });
    expect(await readSessionToken(withCookie(SECURE, await sealed(SECURE, {})), SECRET)).toMatchObject({
      sub: 'op-1',
    });
  });

  it('refuses an expired token, one sealed with another secret, a missing secret, or no cookie', async () => {
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN, {}, -60)), SECRET)).toBeNull(); // (Auth.js allows 15 s of clock skew)
    const foreign = await sealed(PLAIN, {}, 3600, 'another-secret-0123456789abcdefghijklmnopqrstuv');
    expect(await readSessionToken(withCookie(PLAIN, foreign), SECRET)).toBeNull();
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN, {})), undefined)).toBeNull();
    expect(await readSessionToken(new Headers(), SECRET)).toBeNull();
  });

  it('ignores a token sent as a Bearer header instead of the cookie', async () => {
    const headers = new Headers({ authorization: `Bearer ${await sealed(PLAIN, {})}` });
    expect(await readSessionToken(headers, SECRET)).toBeNull();
  });

  it('ignores a token without an operator id', async () => {
    const token = await encode({ token: { sv: 1 }, secret: SECRET, salt: PLAIN, maxAge: 3600 });
    expect(await readSessionToken(withCookie(PLAIN, token), SECRET)).toBeNull();
  });
});
