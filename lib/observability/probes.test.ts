import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as EnvModule from '../env';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db';

/** The probes, through their route handlers, against a real database file — or none at all. */
let databaseUrl = '';
let tokenFails = false;
vi.mock('../env', async (original) => {
  const actual = await original<typeof EnvModule>();
  return { ...actual, portalEnv: () => ({ ...actual.portalEnv({}), databaseUrl }) };
});
vi.mock('../spintly', () => ({
  spintly: () => ({
    lastAnsweredAt: null,
    connect: async () => {
      if (tokenFails) throw new Error('unauthorized');
    },
  }),
}));

async function readyz() {
  vi.resetModules(); // the probes keep their database connection: each case starts without one
  const { GET } = await import('../../app/api/readyz/route');
  const response = await GET();
  return { status: response.status, body: (await response.json()) as { ok: boolean; checks: Record<string, boolean> } };
}

describe('/api/readyz and /api/livez', () => {
  beforeEach(() => {
    tokenFails = false;
  });

  it('ready: database reachable, schema current, a Spintly token obtainable', async () => {
    databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'readyz-')), 'portal.db')}`;
    await (await openDatabase(databaseUrl)).destroy();
    expect(await readyz()).toEqual({
      status: 200,
      body: { ok: true, checks: { database: true, schemaCurrent: true, spintlyToken: true } },
    });
  });

  it('503 when the database is gone', async () => {
    databaseUrl = 'postgres://portal:portal@127.0.0.1:9/nowhere';
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: false, schemaCurrent: false });
  });

  it('503 when the schema is behind, or no Spintly token can be had', async () => {
    databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'readyz-')), 'empty.db')}`;
    await (await openDatabase(databaseUrl, { migrate: false })).destroy();
    expect((await readyz()).body.checks).toMatchObject({ database: true, schemaCurrent: false });

    databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'readyz-')), 'portal.db')}`;
    await (await openDatabase(databaseUrl)).destroy();
    tokenFails = true;
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.checks).toEqual({ database: true, schemaCurrent: true, spintlyToken: false });
  });

  it('livez answers 200 whatever the dependencies', async () => {
    databaseUrl = 'postgres://portal:portal@127.0.0.1:9/nowhere';
    const { GET } = await import('../../app/api/livez/route');
    expect(GET().status).toBe(200);
  });
});
