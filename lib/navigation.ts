import { can, type Capability, type ScopedOperator } from './auth/permissions';

/** The portal's sections; each operator sees only those their role may use. */
export interface NavItem {
  href: string;
  label: string;
  capability: Capability;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/sites', label: 'Sites', capability: 'sites:read' },
  { href: '/users', label: 'People', capability: 'people:list' },
  { href: '/front-desk', label: 'Front desk', capability: 'cards:write' },
  { href: '/visitors', label: 'Visitors', capability: 'visitors:write' },
  { href: '/companies', label: 'Companies', capability: 'companies:read' },
  { href: '/access-groups', label: 'Access groups', capability: 'groups:read' },
  { href: '/reviews', label: 'Reviews', capability: 'reviews:read' },
  { href: '/cards', label: 'Cards', capability: 'cards:read' },
  { href: '/activity', label: 'Activity', capability: 'activity:read' },
  { href: '/operators', label: 'Operators', capability: 'operators:manage' },
  { href: '/audit', label: 'Audit log', capability: 'audit:read' },
  { href: '/reports', label: 'Reports', capability: 'reports:read' },
  { href: '/privacy', label: 'Privacy', capability: 'privacy:manage' },
  { href: '/account', label: 'Account', capability: 'account' },
];

export const navFor = (operator: ScopedOperator) => NAV_ITEMS.filter((item) => can(operator, item.capability));

/** Where "People" in a breadcrumb leads: the list for admins; the front desk reaches people through the desk. */
export const peopleCrumb = (operator: ScopedOperator) =>
  can(operator, 'people:list') ? { href: '/users', label: 'People' } : { href: '/front-desk', label: 'Front desk' };
