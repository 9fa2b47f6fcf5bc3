import { can, type Capability, type ScopedOperator } from './auth/permissions';

/** The portal's sections; each operator sees only those their role may use. */
export interface NavItem {
  href: string;
  label: string;
  capability: Capability;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/sites', label: 'Sites', capability: 'sites:read' },
  { href: '/users', label: 'People', capability: 'people:write' },
  { href: '/front-desk', label: 'Front desk', capability: 'cards:write' },
  { href: '/cards', label: 'Cards', capability: 'cards:read' },
  { href: '/operators', label: 'Operators', capability: 'operators:manage' },
  { href: '/audit', label: 'Audit log', capability: 'audit:read' },
  { href: '/account', label: 'Account', capability: 'account' },
];

export const navFor = (operator: ScopedOperator) => NAV_ITEMS.filter((item) => can(operator, item.capability));
