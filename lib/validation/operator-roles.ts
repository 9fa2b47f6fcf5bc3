/** The portal's operator roles, free of zod (forms import them with the page). */
export const OPERATOR_ROLES = ['super_admin', 'site_admin', 'front_desk', 'company_admin'] as const;
