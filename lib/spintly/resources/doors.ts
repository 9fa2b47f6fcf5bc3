import 'server-only';
import type { AccessPoint, Role, Site } from '../contract';

/** A door as the organisation-wide list gives it. */
export interface DoorRef {
  id: number;
  name: string;
  siteId: number;
}
import { CACHE_TAGS, pagination, walkPages, type ClientContext, type Page } from './shared';

/**
 * Sites and their doors (access points), and the organisation's roles: slow-changing, so served from the cache.
 */
export function doorsResource({ transport, cache }: ClientContext) {
  return {
    async listSites(page = 1, perPage = 25): Promise<Page<Site>> {
      return cache.get(`sites:${page}:${perPage}`, [CACHE_TAGS.sites], async () => {
        const answer = await transport.send('listSites', {}, { pagination: pagination(page, perPage) });
        return { items: answer.sites, pagination: answer.pagination };
      });
    },
    allSites: (): Promise<Site[]> =>
      cache.get('sites:all', [CACHE_TAGS.sites], () =>
        walkPages(async (page, perPage) => {
          const answer = await transport.send('listSites', {}, { pagination: { page, perPage } });
          return { items: answer.sites, pagination: answer.pagination };
        }),
      ),

    async listAccessPoints(
      siteId: number,
      query: { page?: number; perPage?: number; search?: string } = {},
    ): Promise<Page<AccessPoint>> {
      const search = query.search?.trim() || null;
      const key = `doors:${siteId}:${query.page ?? 1}:${query.perPage ?? 25}:${search ?? ''}`;
      return cache.get(key, [CACHE_TAGS.doors(siteId)], async () => {
        const answer = await transport.send(
          'listAccessPoints',
          { siteId },
          { pagination: pagination(query.page, query.perPage), filters: { search } },
        );
        return { items: answer.accessPoints, pagination: answer.pagination };
      });
    },
    allAccessPoints: (siteId: number): Promise<AccessPoint[]> =>
      cache.get(`doors:${siteId}:all`, [CACHE_TAGS.doors(siteId)], () =>
        walkPages(async (page, perPage) => {
          const answer = await transport.send(
            'listAccessPoints',
            { siteId },
            { pagination: { page, perPage }, filters: { search: null } },
          );
          return { items: answer.accessPoints, pagination: answer.pagination };
        }),
      ),

    /**
     * Every door of the organisation in one call (row 17): for needs across sites — scope checks by door, pickers,
     * the door of an event. A site's own page keeps the per-site list, with Spintly's search and paging.
     */
    allDoors: (): Promise<DoorRef[]> =>
      cache.get('doors:everywhere', [CACHE_TAGS.allDoors, CACHE_TAGS.sites], async () => {
        const answer = await transport.send('listAllAccessPoints', {}, undefined);
        return answer.accessPoints;
      }),

    listRoles: (): Promise<Role[]> =>
      cache.get('roles', [CACHE_TAGS.roles], async () => (await transport.send('listRoles', {}, undefined)).roles),
  };
}
