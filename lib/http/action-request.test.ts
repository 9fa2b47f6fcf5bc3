import { describe, expect, it } from 'vitest';
import { checkActionRequest, isActionPost, MAX_ACTION_BODY_BYTES } from './action-request';

const ID = '7f3a9c1e2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a12';
const post = (body: BodyInit | null, headers: Record<string, string> = {}, path = '/users') =>
  new Request(`http://portal.test${path}`, {
    method: 'POST',
    headers: { 'next-action': ID, 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body,
  });
const status = async (request: Request) => (await checkActionRequest(request))?.status ?? 'passed';

describe('server-action requests', () => {
  it('lets a well-formed call through: a JSON array of arguments, or form data', async () => {
    expect(await status(post('[null,{"userIds":[1,2]}]'))).toBe('passed');
    const form = new FormData();
    form.set('1_userId', '5');
    const multipart = new Request('http://portal.test/front-desk', { method: 'POST', body: form });
    expect(await status(multipart)).toBe('passed');
  });

  it('answers 400 for truncated JSON, non-JSON, an empty body or invalid UTF-8', async () => {
    expect(await status(post('[null,{"userIds":[1,'))).toBe(400);
    expect(await status(post('hello'))).toBe(400);
    expect(await status(post('{"not":"an array"}'))).toBe(400);
    expect(await status(post(''))).toBe(400);
    expect(await status(post(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d])))).toBe(400);
  });

  it('answers 400 for broken multipart and for an action id that cannot be one', async () => {
    const broken = post('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(await status(broken)).toBe(400);
    expect(await status(post('[]', { 'next-action': '<script>alert(1)</script>' }))).toBe(400);
  });

  it('answers 413 for a body over 1 MB, declared or not', async () => {
    const big = `[${'1,'.repeat(MAX_ACTION_BODY_BYTES / 2)}1]`;
    expect(await status(post(big))).toBe(413);
    expect(await status(post('[]', { 'content-length': String(MAX_ACTION_BODY_BYTES + 1) }))).toBe(413);
  });

  it('looks only at POSTs to pages, not at route handlers or reads', () => {
    expect(isActionPost(post('[]'))).toBe(true);
    expect(isActionPost(post('[]', {}, '/api/auth/callback/credentials'))).toBe(false);
    expect(isActionPost(new Request('http://portal.test/users'))).toBe(false);
  });
});
