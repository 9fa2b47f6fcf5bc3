import { describe, expect, it } from 'vitest';
import { endpoints, fillPath, matchPath } from './contract';

describe('path templates', () => {
  it('fill and match are inverse, with encoding', () => {
    const path = fillPath(endpoints.doorUsers.path, { org: 4242, accessPointId: 17 });
    expect(path).toBe('/accessManagementV3/integrator/v1/organisations/4242/accessPoint/17/users/permissions');
    expect(matchPath(endpoints.doorUsers.path, path)).toEqual({ org: '4242', accessPointId: '17' });
    expect(matchPath(endpoints.doorUsers.path, `${path}/extra`)).toBeNull();
    expect(fillPath('/a/{x}', { x: 'a/b' })).toBe('/a/a%2Fb');
    expect(() => fillPath('/a/{x}', {})).toThrow(/x/);
  });

  it('no two endpoints share a method and path', () => {
    const keys = Object.values(endpoints).map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
