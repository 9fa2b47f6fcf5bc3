import { describe, expect, it } from 'vitest';
import {
  can,
  doorInScope,
  personInScope,
  siteInScope,
  sitesInScope,
  type Capability,
  type ScopedOperator,
} from './permissions';

const superAdmin: ScopedOperator = { role: 'super_admin', siteIds: [] };
const siteAdmin: ScopedOperator = { role: 'site_admin', siteIds: [1, 3] };
const frontDesk: ScopedOperator = { role: 'front_desk', siteIds: [1] };

const ALL: Capability[] = [
  'account',
  'operators:manage',
  'audit:read',
  'sites:read',
  'people:list',
  'people:read',
  'people:write',
  'permissions:read',
  'permissions:write',
  'cards:read',
  'cards:write',
  'activity:read',
  'visitors:write',
];
const allowed = (operator: ScopedOperator) => ALL.filter((c) => can(operator, c));

describe('capabilities by role', () => {
  it('super admin can do everything', () => {
    expect(allowed(superAdmin)).toEqual(ALL);
  });

  it('site admin manages people, doors, permissions and cards, but not operators', () => {
    expect(allowed(siteAdmin)).toEqual(ALL.filter((c) => c !== 'operators:manage'));
  });

  it('front desk finds people, reads their doors, handles cards and visitors only', () => {
    expect(allowed(frontDesk)).toEqual([
      'account',
      'people:read',
      'permissions:read',
      'cards:write',
      'activity:read',
      'visitors:write',
    ]);
    expect(can(frontDesk, 'people:write')).toBe(false);
    expect(can(frontDesk, 'permissions:write')).toBe(false);
    expect(can(frontDesk, 'audit:read')).toBe(false);
  });
});

describe('site scope', () => {
  it('super admin reaches every site, person and door, even a person without a home site', () => {
    expect(siteInScope(superAdmin, 99)).toBe(true);
    expect(personInScope(superAdmin, { homeSiteId: null })).toBe(true);
    expect(doorInScope(superAdmin, { siteId: 42 })).toBe(true);
  });

  it('site admin reaches only their sites, the people whose home site is one of them, and those sites’ doors', () => {
    expect(siteInScope(siteAdmin, 1)).toBe(true);
    expect(siteInScope(siteAdmin, 2)).toBe(false);
    expect(personInScope(siteAdmin, { homeSiteId: 3 })).toBe(true);
    expect(personInScope(siteAdmin, { homeSiteId: 2 })).toBe(false);
    expect(personInScope(siteAdmin, { homeSiteId: null })).toBe(false);
    expect(doorInScope(siteAdmin, { siteId: 3 })).toBe(true);
    expect(doorInScope(siteAdmin, { siteId: 2 })).toBe(false);
  });

  it('front desk is held to their sites the same way', () => {
    expect(personInScope(frontDesk, { homeSiteId: 1 })).toBe(true);
    expect(personInScope(frontDesk, { homeSiteId: 3 })).toBe(false);
    expect(doorInScope(frontDesk, { siteId: 2 })).toBe(false);
  });

  it('an operator without sites reaches nothing unless super admin', () => {
    const none: ScopedOperator = { role: 'site_admin', siteIds: [] };
    expect(sitesInScope(none, [{ id: 1 }, { id: 2 }])).toEqual([]);
    expect(sitesInScope(siteAdmin, [{ id: 1 }, { id: 2 }, { id: 3 }])).toEqual([{ id: 1 }, { id: 3 }]);
    expect(sitesInScope(superAdmin, [{ id: 1 }, { id: 2 }])).toHaveLength(2);
  });
});
