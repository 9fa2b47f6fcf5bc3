import { reachesNoSite, type SiteScope } from '../core/scope';

/**
 * A portal scope as Spintly's `sites` filter, where an empty list means every site. The one place that reading is
 * written: "no site" must never leave the portal as `[]`, so it is refused here and callers answer "nothing" first.
 */
export function spintlySites(scope: SiteScope): number[] {
  if (scope.all) return [];
  if (reachesNoSite(scope))
    throw new Error('A scope of no site cannot be sent to Spintly: it would read as every site.');
  return [...scope.sites];
}
