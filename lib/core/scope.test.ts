import { describe, expect, it } from 'vitest';
import { operatorScope, requestedSites } from '../auth/permissions';
import { spintlySites } from '../spintly/scope';
import { EVERY_SITE, NO_SITE, narrowToSite, onlySites, reachesNoSite, reachesSite, withinScope } from './scope';

const op = (role: 'super_admin' | 'site_admin' | 'front_desk', siteIds: number[]) => ({ role, siteIds });

describe('operatorScope: the one place a role and its sites become a scope', () => {
  it('super admins reach every site, whatever sites are stored for them', () => {
    expect(operatorScope(op('super_admin', [])).sites).toEqual(EVERY_SITE);
    expect(operatorScope(op('super_admin', [4])).sites).toEqual(EVERY_SITE);
  });
  it('others reach their own sites; none when they have none', () => {
    expect(operatorScope(op('site_admin', [3, 1, 3])).sites).toEqual({ all: false, sites: [1, 3] });
    expect(reachesNoSite(operatorScope(op('front_desk', [])).sites)).toBe(true);
  });
});

describe('requestedSites: what a list shows', () => {
  it('super admins see every site, or the one they chose', () => {
    expect(requestedSites(op('super_admin', []), undefined)).toEqual(EVERY_SITE);
    expect(requestedSites(op('super_admin', []), 7)).toEqual(onlySites([7]));
  });
  it('others see their own sites, or one of them; another site gives nothing', () => {
    expect(requestedSites(op('site_admin', [1, 3]), undefined)).toEqual(onlySites([1, 3]));
    expect(requestedSites(op('site_admin', [1, 3]), 3)).toEqual(onlySites([3]));
    expect(reachesNoSite(requestedSites(op('site_admin', [1, 3]), 2))).toBe(true);
  });
});

describe('reachesSite and withinScope', () => {
  it('a person with no home site is reached by every site only', () => {
    expect(reachesSite(EVERY_SITE, null)).toBe(true);
    expect(reachesSite(onlySites([1]), null)).toBe(false);
    expect(reachesSite(onlySites([1]), 1)).toBe(true);
    expect(reachesSite(NO_SITE, 1)).toBe(false);
  });
  it('keeps the items of reached sites', () => {
    const doors = [
      { id: 1, site: 1 },
      { id: 2, site: 2 },
    ];
    expect(withinScope(onlySites([2]), doors, (d) => d.site).map((d) => d.id)).toEqual([2]);
    expect(withinScope(EVERY_SITE, doors, (d) => d.site)).toHaveLength(2);
    expect(narrowToSite(NO_SITE, 1)).toEqual(NO_SITE);
  });
});

describe('spintlySites: the Spintly boundary, where [] means every site', () => {
  it('sends [] only for every site, and refuses to send "no site" as []', () => {
    expect(spintlySites(EVERY_SITE)).toEqual([]);
    expect(spintlySites(onlySites([2, 1]))).toEqual([1, 2]);
    expect(() => spintlySites(NO_SITE)).toThrow(/every site/);
  });
});
