import 'server-only';
import { sitesInScope } from '../auth/permissions';
import type { SessionOperator } from '../auth/session';
import { spintly } from '../spintly';

/** What pages know of a site. */
export interface SiteOption {
  id: number;
  name: string;
  location: string | null;
}

/** Every site of the organisation (for super admins choosing operators' sites). */
export async function allSiteOptions(): Promise<SiteOption[]> {
  const sites = await spintly().allSites();
  return sites.map(({ id, name, location }) => ({ id, name, location }));
}

/** The sites this operator reaches. */
export async function siteOptionsFor(operator: SessionOperator): Promise<SiteOption[]> {
  return sitesInScope(operator, await allSiteOptions());
}
