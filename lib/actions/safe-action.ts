import 'server-only';
import { redirect, unstable_rethrow } from 'next/navigation';
import { type z } from 'zod';
import type { AuditAction, FactsOf } from '../audit/actions';
import { auditRecorder } from '../audit/log';
import { nameTargets } from '../audit/names';
import type { AuditTarget } from '../audit/sentence';
import { can, type Capability } from '../auth/permissions';
import { checkScope, type ScopeTarget } from '../auth/scope';
import { currentOperator, currentSessionToken, type SessionOperator } from '../auth/session';
import { setupPending, SETUP_REFUSALS } from '../auth/setup';
import { stepUpIsFresh } from '../auth/step-up';
import { db } from '../db';
import { refreshPeople } from '../directory';
import { explainError, STEP_UP_REQUIRED } from '../core/refusal';
import { spintly } from '../spintly';

/**
 * The one way to write a server action. Every exported action is a public POST endpoint, so each one, in order:
 * finds the signed-in operator (from the database, not just the cookie) → parses its input with its zod schema →
 * checks the role's capability → checks that every id in the input is inside the operator's sites → runs →
 * writes an audit record whatever the outcome → returns a typed result for useActionState or a form.
 * Nothing is sent to Spintly before every check has passed.
 */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string[]>;
      /**
       * A machine-readable reason, for flows that branch on it: `no_card_now`, or `unknown_outcome` when Spintly did not
       * confirm a write and the portal could not tell whether it landed (the screen offers "Check now").
       */
      code?: string;
    };

export { Refusal } from '../core/refusal';

export interface ActionContext {
  operator: SessionOperator;
  spintly: ReturnType<typeof spintly>;
}

export interface ActionSpec<S extends z.ZodType, T, A extends AuditAction> {
  /** `<domain>.<verb>` as it appears in the audit log, e.g. `people.create` (lib/audit/actions.ts lists them). */
  name: A;
  capability: Capability;
  input: S;
  /** Every id in the input that must be in the operator's scope, and what the audit records as targets. */
  targets: (input: z.output<S>) => ScopeTarget[];
  /** Something the action creates (a person, an operator), named in the audit record beside the targets. */
  creates?: (input: z.output<S>, data: T | undefined) => AuditTarget;
  /**
   * Allowed before the operator may use the portal — while they still have to replace a one-time password or set up
   * the second factor REQUIRE_2FA asks of them: only those steps themselves, and signing out.
   */
  allowDuringSetup?: boolean;
  /**
   * One of the actions that can do the most harm: an operator with a second factor must have re-entered a code in
   * this session within 10 minutes (lib/auth/step-up.ts), or the action refuses with `step_up_required` and the
   * screen asks for one. A function decides per input (a bulk change of more than 50 people).
   */
  stepUp?: true | ((input: z.output<S>) => boolean | Promise<boolean>);
  /**
   * People whose record this action changes in Spintly: read back afterwards, whatever the outcome (a failure may
   * have landed in part), so the people directory agrees with Spintly at once. `true` = the person targets.
   */
  changesPeople?: true | ((input: z.output<S>, data: T | undefined) => number[]);
  run: (
    input: z.output<S>,
    ctx: ActionContext,
  ) => Promise<{
    data?: T;
    message?: string;
    spintlyStatus?: number;
    /** What the audit record's sentence is built from (lib/audit/actions.ts), never a secret. */
    facts?: FactsOf<A>;
    /** A short free-text note for people reading the record, never a secret. */
    auditDetail?: string;
    /** Navigate here after the audit record is written. */
    redirectTo?: string;
  }>;
}

async function withCreated<S extends z.ZodType, T, A extends AuditAction>(
  named: () => Promise<AuditTarget[]>,
  spec: ActionSpec<S, T, A>,
  input: z.output<S>,
): Promise<AuditTarget[]> {
  const names = await named();
  return spec.creates ? [...names, spec.creates(input, undefined)] : names;
}

/**
 * Whether a step-up action may go on: it asks nothing of this input, the operator has no second factor to ask for
 * (REQUIRE_2FA=off and not enrolled, or single sign-on), or this session re-entered a code within the window.
 */
async function stepUpSatisfied<S extends z.ZodType>(
  operator: SessionOperator,
  stepUp: true | ((input: z.output<S>) => boolean | Promise<boolean>),
  input: z.output<S>,
): Promise<boolean> {
  if (!operator.secondFactorSince) return true;
  if (stepUp !== true && !(await stepUp(input))) return true;
  const token = await currentSessionToken();
  return typeof token?.sid === 'string' && (await stepUpIsFresh(await db(), token.sid, operator.id));
}

const UNEXPECTED = 'Something went wrong on our side, and the change may not have been made. Check, then try again.';

/** Form fields to a plain object; repeated names become arrays. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = form.getAll(key).map((v) => (typeof v === 'string' ? v : v.name));
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function defineAction<S extends z.ZodType, T = undefined, A extends AuditAction = AuditAction>(
  spec: ActionSpec<S, T, A>,
) {
  return async function action(_previous: unknown, payload: unknown): Promise<ActionResult<T>> {
    const started = performance.now();
    const operator = await currentOperator();
    const database = await db();
    const record = auditRecorder(database, operator, spec.name, started);

    if (!operator) {
      await record('denied', { reason: 'session', detail: 'no valid session' });
      return { ok: false, message: 'Your session has ended. Sign in again.' };
    }
    const pending = setupPending(operator);
    if (pending && !spec.allowDuringSetup) {
      await record('denied', { reason: 'session', detail: SETUP_REFUSALS[pending].detail });
      return { ok: false, message: SETUP_REFUSALS[pending].message };
    }

    const parsed = spec.input.safeParse(payload instanceof FormData ? formDataToObject(payload) : payload);
    if (!parsed.success) {
      await record('invalid', { reason: 'validation', detail: 'input did not validate' });
      return { ok: false, message: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const input = parsed.data;
    const targets = spec.targets(input);
    let named = () => nameTargets(database, targets);

    if (!can(operator, spec.capability)) {
      await record('denied', {
        targets: await named(),
        reason: 'role',
        detail: `role ${operator.role} lacks ${spec.capability}`,
      });
      return { ok: false, message: 'Your role does not allow this.' };
    }

    if (spec.stepUp && !(await stepUpSatisfied(operator, spec.stepUp, input))) {
      await record('denied', { targets: await named(), reason: 'step_up', detail: 'no fresh second-factor code' });
      return {
        ok: false,
        message: 'This change needs a fresh code from your authenticator app. Enter one to go on.',
        code: STEP_UP_REQUIRED,
      };
    }

    const client = spintly();
    const refreshDirectory = async (data: T | undefined) => {
      if (!spec.changesPeople) return;
      const ids =
        spec.changesPeople === true
          ? targets.filter((t) => t.type === 'person').map((t) => t.id)
          : spec.changesPeople(input, data);
      if (ids.length > 0) await refreshPeople(ids);
    };
    let siteId: number | null = null;
    let redirectTo: string | undefined;
    try {
      const scope = await checkScope(operator, targets, client);
      siteId = scope.siteId;
      // Named before the action runs: a deleted person's name is gone from the directory afterwards.
      const names = await nameTargets(database, targets, scope.names);
      named = async () => names;
      if (!scope.ok) {
        await record('denied', {
          targets: names,
          siteId,
          reason: 'scope',
          detail: 'target outside the operator’s sites',
        });
        return { ok: false, message: 'That is outside the sites you manage, or it no longer exists.' };
      }
      const result = await spec.run(input, { operator, spintly: client });
      await refreshDirectory(result.data);
      await record('ok', {
        targets: spec.creates ? [...names, spec.creates(input, result.data)] : names,
        siteId,
        spintlyStatus: result.spintlyStatus ?? null,
        facts: result.facts,
        detail: result.auditDetail ?? null,
      });
      redirectTo = result.redirectTo;
      if (!redirectTo)
        return {
          ok: true,
          ...(result.message && { message: result.message }),
          ...(result.data !== undefined && { data: result.data }),
        };
    } catch (error) {
      unstable_rethrow(error);
      const explained = explainError(error);
      if (explained) {
        // A refusal or a Spintly failure may have changed part of what was asked: read the people back.
        await refreshDirectory(undefined);
        await record('failed', {
          targets: await withCreated(named, spec, input),
          siteId,
          spintlyStatus: explained.status ?? null,
          detail: explained.detail,
          reason: explained.reason,
        });
        return {
          ok: false,
          message: explained.message,
          ...(explained.field && { fieldErrors: { [explained.field]: [explained.message] } }),
          ...(explained.code && { code: explained.code }),
        };
      }
      // The error's type and where it was thrown, not its message: a message can carry what a client sent.
      const where = error instanceof Error ? (error.stack?.split('\n')[1]?.trim() ?? '') : '';
      console.error(`[action ${spec.name}] unexpected ${error instanceof Error ? error.name : 'error'} ${where}`);
      await record('failed', { targets: await withCreated(named, spec, input), siteId, detail: 'unexpected error' });
      return { ok: false, message: UNEXPECTED };
    }
    redirect(redirectTo);
  };
}
