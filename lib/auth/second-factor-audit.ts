import 'server-only';
import { audit } from '../audit/log';
import { db } from '../db';

/**
 * A second-factor code that did not work, in the audit log as `auth.2fa_failed` — at sign-in (no session yet, so
 * the operator is named from the password step) or at a step-up. Never the code itself.
 */
export async function auditCodeRefused(
  operator: { id: string; email: string; role: string; name: string },
  during: 'sign_in' | 'step_up',
  address: string | null,
) {
  await audit.record(
    await db(),
    { id: operator.id, email: operator.email, role: operator.role, name: operator.name },
    'auth.2fa_failed',
    {
      outcome: 'denied',
      reason: 'credentials',
      targets: [{ type: 'operator', id: operator.id, name: operator.name }],
      facts: { during, address },
    },
  );
}
