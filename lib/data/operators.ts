import 'server-only';
import { ROLE_LABELS, type OperatorRole } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { operators } from '../operators';
import { load, type Loaded } from './result';
import { allSiteOptions, type SiteOption } from './sites';
import { nameFor } from '../core/names';

export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  role: OperatorRole;
  roleLabel: string;
  status: 'active' | 'disabled';
  siteIds: number[];
  siteNames: string[];
  mustChangePassword: boolean;
  isYou: boolean;
}

/** The operators page: every operator (super admins only), with site names from Spintly when it answers. */
export async function operatorsPage(): Promise<{ rows: OperatorRow[]; sites: Loaded<SiteOption[]> }> {
  const me = await verifySession({ capability: 'operators:manage' });
  const [list, sites] = await Promise.all([(await operators()).list(), load(allSiteOptions)]);
  const names = new Map(sites.ok ? sites.data.map((s) => [s.id, s.name]) : []);
  return {
    sites,
    rows: list.map((o) => ({
      id: o.id,
      email: o.email,
      name: o.name,
      role: o.role,
      roleLabel: ROLE_LABELS[o.role],
      status: o.status,
      siteIds: o.siteIds,
      siteNames: o.role === 'super_admin' ? ['All sites'] : o.siteIds.map((id) => nameFor(names, 'site', id)),
      mustChangePassword: o.mustChangePassword,
      isYou: o.id === me.id,
    })),
  };
}
