import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedactor, formatLine, installConsole, requestContext } from './log';

describe('log lines', () => {
  it('in JSON: one object per line with time, level, message, the request id and the fields', () => {
    const line = requestContext().run({ requestId: 'req-12345678' }, () =>
      formatLine('warn', 'spintly slow', { endpoint: 'listUsers', durationMs: 812 }, Date.UTC(2026, 11, 6, 5, 0), true),
    );
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-12-06T05:00:00.000Z',
      level: 'warn',
      message: 'spintly slow',
      requestId: 'req-12345678',
      endpoint: 'listUsers',
      durationMs: 812,
    });
  });

  it('outside a request: no request id; in text: the message first, then the fields', () => {
    expect(JSON.parse(formatLine('info', 'started', {}, 0, true))).not.toHaveProperty('requestId');
    expect(formatLine('error', 'failed', { task: 'x' }, 0, false)).toBe('error: failed {"task":"x"}');
  });

  it('never carries a password, a token or a secret: by field name, by shape and by value', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const line = formatLine(
      'error',
      `sign-in failed for postgres://portal:hunter2-pg@db:5432/portal with Bearer abc.def-ghi and ${jwt}`,
      { password: 'demo-pass-1234', clientSecret: 'x', accessToken: 'y', authorization: 'z', email: 'a@b.in' },
      0,
      true,
    );
    for (const secret of ['hunter2-pg', 'abc.def-ghi', jwt, 'demo-pass-1234']) expect(line).not.toContain(secret);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({
      password: '[redacted]',
      clientSecret: '[redacted]',
      accessToken: '[redacted]',
      authorization: '[redacted]',
      email: 'a@b.in',
    });
    expect(parsed.message).toContain('postgres://portal:[redacted]@db:5432/portal');
  });

  it('removes configured secrets wherever they appear', () => {
    const redact = createRedactor(['s3cr3t-client-value', 'abc']);
    expect(redact('upstream said: bad client s3cr3t-client-value!')).toBe('upstream said: bad client [redacted]!');
    // Too short to be a secret worth matching: left alone rather than shredding ordinary words.
    expect(redact('abc')).toBe('abc');
  });
});

describe('the console under LOG_FORMAT=json', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('turns what anything prints into redacted JSON lines', () => {
    vi.stubEnv('LOG_FORMAT', 'json');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      installConsole();
      console.log('token is %s', 'Bearer live-token-value');
      console.error(new Error('boom'));
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
    const lines = written
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ level: 'info', message: 'token is Bearer [redacted]' });
    expect(lines[1]).toMatchObject({ level: 'error' });
    expect(lines[1].message).toContain('boom');
  });
});
