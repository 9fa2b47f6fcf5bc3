import 'server-only';
import { ROLE_LABELS, type OperatorRole } from '../auth/permissions';
import { verifySession } from '../auth/session';
import { operators } from '../operators';
import { load, type Loaded } from './result';
import { allSiteOptions, type SiteOption } from './sites';
import { companyChoices } from '../companies/store';
import { nameFor, namesById } from '../core/names';
import { EVERY_SITE } from '../core/scope';
import { db } from '../db';
import { portalEnv } from '../env';
import { formatDate } from '../format';

export interface OperatorRow {
  id: string;
  email: string;
  name: string;
  role: OperatorRole;
  roleLabel: string;
  status: 'active' | 'disabled';
  siteIds: number[];
  siteNames: string[];
  companyIds: number[];
  mustChangePassword: boolean;
  /** When their second factor was set up (the portal's date format); null without one. */
  secondFactorSince: string | null;
  isYou: boolean;
}

/** The operators page: every operator (super admins only), with site names from Spintly when it answers. */
export async function operatorsPage(): Promise<{
  rows: OperatorRow[];
  sites: Loaded<SiteOption[]>;
  companies: { id: number; name: string }[];
}> {
  const me = await verifySession({ capability: 'operators:manage' });
  const [list, sites, companies] = await Promise.all([
    (await operators()).list(),
    load(allSiteOptions),
    companyChoices(await db(), { sites: EVERY_SITE, status: 'active' }),
  ]);
  const names = new Map(sites.ok ? sites.data.map((s) => [s.id, s.name]) : []);
  const companyNames = namesById(companies);
  return {
    sites,
    companies,
    rows: list.map((o) => ({
      id: o.id,
      email: o.email,
      name: o.name,
      role: o.role,
      roleLabel: ROLE_LABELS[o.role],
      status: o.status,
      siteIds: o.siteIds,
      siteNames:
        o.role === 'super_admin'
          ? ['All sites']
          : o.role === 'company_admin'
            ? o.companyIds.map((id) => companyNames.get(id) ?? `Company ${id}`)
            : o.siteIds.map((id) => nameFor(names, 'site', id)),
      companyIds: o.companyIds,
      mustChangePassword: o.mustChangePassword,
      secondFactorSince: o.secondFactorSince && formatDate(o.secondFactorSince, portalEnv().display),
      isYou: o.id === me.id,
    })),
  };
}
