import type * as NextAuthJwt from 'next-auth/jwt';
import { decode, encode, getToken } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeCapped, readSessionToken, secondsLeft, servedOverHttps, type SessionSettings } from './session-token';

// The real decoder, watched: the tests of remembered sessions count how often a cookie was decrypted.
vi.mock('next-auth/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof NextAuthJwt>();
  return { ...original, getToken: vi.fn(original.getToken) };
});

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const PLAIN = 'authjs.session-token';
const SECURE = '__Secure-authjs.session-token';
const TWELVE_HOURS = 12 * 3600;
const nowS = () => Math.floor(Date.now() / 1000);

const HTTP: SessionSettings = { secret: SECRET, maxAgeS: TWELVE_HOURS, secure: false };
const HTTPS: SessionSettings = { ...HTTP, secure: true };

const session = (claims: Record<string, unknown> = {}) => ({
  sub: 'op-1',
  sv: 3,
  sid: 'session-1',
  signedInAt: nowS() - 60,
  ...claims,
});
const sealed = (name: string, claims: Record<string, unknown> = {}, maxAge = 3600, secret = SECRET) =>
  encode({ token: session(claims), secret, salt: name, maxAge });
const withCookie = (name: string, value: string) => new Headers({ cookie: `${name}=${value}` });

describe('readSessionToken', () => {
  it('reads the operator id, session version, session id and sign-in time', async () => {
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN)), HTTP)).toMatchObject({
      sub: 'op-1',
      sv: 3,
      sid: 'session-1',
    });
  });

  it('over HTTPS reads only the __Secure- cookie: a plain one may have been planted (cookie tossing)', async () => {
    expect(await readSessionToken(withCookie(SECURE, await sealed(SECURE)), HTTPS)).toMatchObject({ sub: 'op-1' });
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN)), HTTPS)).toBeNull();
    expect(await readSessionToken(withCookie(SECURE, await sealed(SECURE)), HTTP)).toBeNull();
  });

  it('refuses an expired token, one sealed with another secret, a missing secret, or no cookie', async () => {
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN, {}, -60)), HTTP)).toBeNull(); // (Auth.js allows 15 s of clock skew)
    const foreign = await sealed(PLAIN, {}, 3600, 'another-secret-0123456789abcdefghijklmnopqrstuv');
    expect(await readSessionToken(withCookie(PLAIN, foreign), HTTP)).toBeNull();
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN)), { ...HTTP, secret: undefined })).toBeNull();
    expect(await readSessionToken(new Headers(), HTTP)).toBeNull();
  });

  it('refuses a session signed in longer ago than the limit, whatever its exp says', async () => {
    // What a session kept alive by calling /api/auth/session would look like without the cap: a fresh exp.
    const old = await sealed(PLAIN, { signedInAt: nowS() - TWELVE_HOURS - 5 }, 3600);
    expect(await readSessionToken(withCookie(PLAIN, old), HTTP)).toBeNull();
    const recent = await sealed(PLAIN, { signedInAt: nowS() - TWELVE_HOURS + 120 }, 3600);
    expect(await readSessionToken(withCookie(PLAIN, recent), HTTP)).not.toBeNull();
  });

  it('refuses a token without a session id or sign-in time (issued before sessions could be ended)', async () => {
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN, { sid: undefined })), HTTP)).toBeNull();
    expect(await readSessionToken(withCookie(PLAIN, await sealed(PLAIN, { signedInAt: undefined })), HTTP)).toBeNull();
  });

  it('ignores a token sent as a Bearer header instead of the cookie', async () => {
    const headers = new Headers({ authorization: `Bearer ${await sealed(PLAIN)}` });
    expect(await readSessionToken(headers, HTTP)).toBeNull();
  });

  it('ignores a token without an operator id', async () => {
    const token = await encode({ token: { ...session(), sub: undefined }, secret: SECRET, salt: PLAIN, maxAge: 3600 });
    expect(await readSessionToken(withCookie(PLAIN, token), HTTP)).toBeNull();
  });
});

describe('readSessionToken remembers decrypted cookies', () => {
  afterEach(() => vi.useRealTimers());

  it('decrypts a cookie once, whatever other cookies come with it, and still answers with its claims', async () => {
    const value = await sealed(PLAIN, { sid: 'remembered-1' });
    vi.mocked(getToken).mockClear();
    const first = await readSessionToken(new Headers({ cookie: `theme=dark; ${PLAIN}=${value}` }), HTTP);
    const second = await readSessionToken(new Headers({ cookie: `${PLAIN}=${value}; csrf=abc` }), HTTP);
    expect(first).toMatchObject({ sub: 'op-1', sid: 'remembered-1' });
    expect(second).toEqual(first);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('opens a remembered cookie for its own secret only', async () => {
    const value = await sealed(PLAIN, { sid: 'remembered-2' });
    expect(await readSessionToken(withCookie(PLAIN, value), HTTP)).not.toBeNull();
    const otherSecret = { ...HTTP, secret: 'another-secret-0123456789abcdefghijklmnopqrstuv' };
    expect(await readSessionToken(withCookie(PLAIN, value), otherSecret)).toBeNull();
  });

  it('stops answering for a remembered cookie once it expires or the session reaches its limit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const expiring = await sealed(PLAIN, { sid: 'remembered-3' }, 60);
    expect(await readSessionToken(withCookie(PLAIN, expiring), HTTP)).not.toBeNull();
    vi.setSystemTime(Date.now() + 120_000); // past exp and Auth.js's 15 s of clock skew
    expect(await readSessionToken(withCookie(PLAIN, expiring), HTTP)).toBeNull();

    const nearLimit = await sealed(PLAIN, { sid: 'remembered-4', signedInAt: nowS() - TWELVE_HOURS + 30 }, 3600);
    expect(await readSessionToken(withCookie(PLAIN, nearLimit), HTTP)).not.toBeNull();
    vi.setSystemTime(Date.now() + 60_000);
    expect(await readSessionToken(withCookie(PLAIN, nearLimit), HTTP)).toBeNull();
  });

  it('does not remember a cookie that did not decrypt', async () => {
    const forged = `${(await sealed(PLAIN)).slice(0, -4)}AAAA`;
    vi.mocked(getToken).mockClear();
    expect(await readSessionToken(withCookie(PLAIN, forged), HTTP)).toBeNull();
    expect(await readSessionToken(withCookie(PLAIN, forged), HTTP)).toBeNull();
    expect(getToken).toHaveBeenCalledTimes(2);
  });
});

describe('encodeCapped', () => {
  it('never writes an exp past sign-in + the limit, however often the token is re-issued', async () => {
    const signedInAt = nowS() - 11 * 3600; // an hour left
    const token = await encodeCapped(TWELVE_HOURS)({
      token: session({ signedInAt }),
      secret: SECRET,
      salt: PLAIN,
      maxAge: TWELVE_HOURS, // what Auth.js asks for on every re-issue
    });
    const claims = await decode({ token, secret: SECRET, salt: PLAIN });
    expect(claims?.exp).toBeLessThanOrEqual(signedInAt + TWELVE_HOURS);
    expect(claims?.exp).toBeGreaterThan(nowS() + 3500);
  });

  it('counts a missing or past sign-in time as no time left', () => {
    expect(secondsLeft({}, TWELVE_HOURS)).toBe(0);
    expect(secondsLeft({ signedInAt: 0 }, TWELVE_HOURS)).toBe(0);
    expect(secondsLeft({ signedInAt: 1_000 }, 3600, 1_600)).toBe(3000);
  });
});

describe('servedOverHttps', () => {
  it('follows AUTH_URL when set, else the scheme the proxy in front reports', () => {
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'http' }), 'https://portal.example.com')).toBe(true);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'https' }), 'http://localhost:3000')).toBe(false);
    expect(servedOverHttps(new Headers({ 'x-forwarded-proto': 'https' }), undefined)).toBe(true);
    expect(servedOverHttps(new Headers(), undefined)).toBe(false);
  });
});
