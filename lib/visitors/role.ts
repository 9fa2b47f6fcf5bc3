import 'server-only';
import { ActionError } from '../actions/action-error';
import { portalEnv } from '../env';
import type { SpintlyClient } from '../spintly/client';

/** The Spintly role visitors have: SPINTLY_VISITOR_ROLE_ID, or the organisation's role named "Visitor" [assumed]. */
export async function visitorRoleId(client: Pick<SpintlyClient, 'listRoles'>): Promise<number> {
  const configured = portalEnv().visitors.roleId;
  if (configured) return configured;
  const role = (await client.listRoles()).find((r) => r.name.trim().toLowerCase() === 'visitor');
  if (!role)
    throw new ActionError(
      'Spintly has no role named “Visitor” for this organisation. Ask Spintly to turn on visitor management, or set SPINTLY_VISITOR_ROLE_ID.',
    );
  return role.id;
}

/** The visitor role's id when it can be known without failing (lists that leave visitors out). */
export async function visitorRoleIdOrNull(client: Pick<SpintlyClient, 'listRoles'>): Promise<number | null> {
  try {
    return await visitorRoleId(client);
  } catch {
    return null;
  }
}
