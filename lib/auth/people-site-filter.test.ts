import { describe, expect, it } from 'vitest';
import { peopleSiteFilter as scopedSiteFilter } from './permissions';

const op = (role: 'super_admin' | 'site_admin' | 'front_desk', siteIds: number[]) => ({ role, siteIds });

describe('scopedSiteFilter: which sites a people list may ask Spintly about', () => {
  it('super admins ask for every site ([]), or the one they chose', () => {
    expect(scopedSiteFilter(op('super_admin', []), undefined)).toEqual([]);
    expect(scopedSiteFilter(op('super_admin', []), 7)).toEqual([7]);
  });

  it('others ask for their own sites, or one of them; another site gives nothing', () => {
    expect(scopedSiteFilter(op('site_admin', [1, 3]), undefined)).toEqual([1, 3]);
    expect(scopedSiteFilter(op('site_admin', [1, 3]), 3)).toEqual([3]);
    expect(scopedSiteFilter(op('site_admin', [1, 3]), 2)).toBeNull();
  });

  it('an operator without sites never sends the empty list that Spintly reads as "all sites"', () => {
    expect(scopedSiteFilter(op('front_desk', []), undefined)).toBeNull();
  });
});
