import 'server-only';
import { portalEnv } from '../env';
import type { SpintlyClient } from '../spintly/client';
import { Refusal } from '../core/refusal';

/** The Spintly role visitors have: SPINTLY_VISITOR_ROLE_ID, or the organisation's role named "Visitor" [assumed]. */
export async function visitorRoleId(client: Pick<SpintlyClient, 'listRoles'>): Promise<number> {
  const configured = portalEnv().visitors.roleId;
  if (configured) return configured;
  const role = (await client.listRoles()).find((r) => r.name.trim().toLowerCase() === 'visitor');
  if (!role)
    throw new Refusal(
      'Spintly has no role named “Visitor” for this organisation. Ask Spintly to turn on visitor management, or set SPINTLY_VISITOR_ROLE_ID.',
    );
  return role.id;
}

/**
 * The person form does not give the visitor role: a visitor comes with a visit (host, window, doors), and a member
 * given it would vanish from People. Refused unless they already had it (editing a returning visitor's details).
 */
export async function refuseNewVisitorRole(
  client: Pick<SpintlyClient, 'listRoles' | 'getUser'>,
  roleIds: readonly number[],
  userId?: number,
): Promise<void> {
  const visitorRole = await visitorRoleIdOrNull(client);
  if (visitorRole === null || !roleIds.includes(visitorRole)) return;
  const before = userId === undefined ? null : await client.getUser(userId);
  if (before?.roles.some((r) => r.id === visitorRole)) return;
  throw new Refusal('Visitors are registered on the Visitors page, with a visit. Choose a member role here.', {
    field: 'roleIds',
  });
}

/** The visitor role's id when it can be known without failing (lists that leave visitors out). */
export async function visitorRoleIdOrNull(client: Pick<SpintlyClient, 'listRoles'>): Promise<number | null> {
  try {
    return await visitorRoleId(client);
  } catch {
    return null;
  }
}
