import 'server-only';
import { describeOutcome, type AuditReason } from '../audit/sentence';
import { singleSignOn } from '../auth';
import type { SessionOperator } from '../auth/session';
import { db } from '../db';
import { portalEnv } from '../env';
import { formatDateTime } from '../format';
import { secondFactorLine } from './second-factor';

const METHOD_TEXT: Record<string, string> = { password: 'Password', single_sign_on: 'Single sign-on' };
const SECOND_FACTOR_TEXT: Record<string, string> = { totp: 'app code', backup: 'backup code' };

/**
 * The account page's "How you sign in" and "Last sign-ins": the methods this portal offers the operator, and the
 * last 10 attempts on their email (refused ones too: a wrong password here is worth seeing), newest first — each
 * with its time in the portal's zone, what became of it, the method, and the address when the portal knows it.
 */
export async function signInHistory(operator: SessionOperator, limit = 10) {
  const rows = await (
    await db()
  )
    .selectFrom('audit_log')
    .select(['id', 'at', 'outcome', 'reason', 'detail', 'facts'])
    .where('action', '=', 'auth.sign_in')
    .where('operator_email', '=', operator.email.toLowerCase())
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  const { display } = portalEnv();
  const sso = singleSignOn();
  return {
    methods: [
      { name: 'Password', state: 'Set' },
      { name: 'Two-factor sign-in', state: await secondFactorLine(operator), href: '/account/two-factor' },
      { name: 'Single sign-on', state: sso ? `Available (${sso.name}, same email)` : 'Not configured for this portal' },
    ],
    signIns: rows.map((row) => {
      const facts = row.facts
        ? (JSON.parse(row.facts) as { method?: string; address?: string | null; secondFactor?: string })
        : {};
      const outcome = describeOutcome(row.outcome, row.reason as AuditReason | null);
      return {
        id: row.id,
        when: formatDateTime(row.at, display),
        ok: outcome.category === 'ok',
        outcome: outcome.category === 'ok' ? 'Signed in' : `Refused${row.detail ? `: ${row.detail}` : ''}`,
        method:
          (METHOD_TEXT[facts.method ?? ''] ?? (row.detail === 'single sign-on' ? 'Single sign-on' : 'Password')) +
          (facts.secondFactor ? ` and ${SECOND_FACTOR_TEXT[facts.secondFactor] ?? 'a code'}` : ''),
        address: facts.address ?? '—',
      };
    }),
  };
}
