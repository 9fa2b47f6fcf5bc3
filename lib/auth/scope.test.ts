import { describe, expect, it } from 'vitest';
import type { SpintlyClient } from '../spintly/client';
import type { ScopedOperator } from './permissions';
import { checkScope } from './scope';

/** Three sites with two doors each (door 10x at site x); counts which door lists were read. */
function fakeSpintly() {
  const reads: string[] = [];
  const client = {
    allSites: () => {
      reads.push('sites');
      return Promise.resolve([1, 2, 3].map((id) => ({ id, name: `Site ${id}` })));
    },
    allAccessPoints: (siteId: number) => {
      reads.push(`doors:${siteId}`);
      return Promise.resolve([1, 2].map((n) => ({ id: siteId * 100 + n, name: `Door ${n}`, siteId })));
    },
    allDoors: () => {
      reads.push('all doors');
      return Promise.resolve(
        [1, 2, 3].flatMap((siteId) => [1, 2].map((n) => ({ id: siteId * 100 + n, name: `Door ${n}`, siteId }))),
      );
    },
  };
  return { reads, client: client as unknown as SpintlyClient };
}

const siteAdmin: ScopedOperator = { role: 'site_admin', siteIds: [1, 3] };

describe('checkScope for doors', () => {
  it('with a site hint, reads that site’s doors only and reports the site', async () => {
    const { reads, client } = fakeSpintly();
    expect(await checkScope(siteAdmin, [{ type: 'door', id: 302, siteId: 3 }], client)).toEqual({
      ok: true,
      siteId: 3,
      names: new Map([['door:302', 'Door 2']]),
    });
    expect(reads).toEqual(['doors:3']);
  });

  it('a hint that names the wrong site finds nothing, so the door is refused', async () => {
    const { client } = fakeSpintly();
    expect((await checkScope(siteAdmin, [{ type: 'door', id: 301, siteId: 1 }], client)).ok).toBe(false);
  });

  it('a hint naming a site out of scope is refused without reading it', async () => {
    const { reads, client } = fakeSpintly();
    expect((await checkScope(siteAdmin, [{ type: 'door', id: 201, siteId: 2 }], client)).ok).toBe(false);
    expect(reads).toEqual([]);
  });

  it('without a hint, looks the door up in the organisation’s door list (one call) and refuses one of another site', async () => {
    const { reads, client } = fakeSpintly();
    expect((await checkScope(siteAdmin, [{ type: 'door', id: 201 }], client)).ok).toBe(false);
    expect(reads).toEqual(['all doors']);
    expect(await checkScope(siteAdmin, [{ type: 'door', id: 101 }], fakeSpintly().client)).toEqual({
      ok: true,
      siteId: 1,
      names: new Map([['door:101', 'Door 1']]),
    });
  });
});
