/**
 * How the portal says no. Work that meets something an operator can act on — a card someone else holds, a person
 * outside their sites, a window already over — throws a `Refusal` with words written for them; actions, job items,
 * visits and the operator store all throw this one type. `explainError` is the one translator from any error to what
 * the screen shows and the audit log records: a Refusal explains itself, a boundary error that knows its meaning
 * (Spintly's, see lib/spintly/errors.ts) explains itself through `explain()`, and anything else is unexpected (null):
 * logged by type, never shown.
 */

/** Why something was refused: the operator can act on it (unlike a failure, where something broke). */
export type RefusalReason =
  | 'validation'
  | 'conflict'
  | 'not_found'
  | 'scope'
  | 'role'
  | 'session'
  | 'credentials'
  /** A dangerous action asked for a fresh second-factor code and had none. */
  | 'step_up';

/** Spintly did not confirm a write and the portal could not tell whether it landed: the screen offers "Check now". */
export const UNKNOWN_OUTCOME = 'unknown_outcome';
/** A replacement took the old card back but could not issue the new one: the person has no card right now. */
export const NO_CARD_NOW = 'no_card_now';
/** A dangerous action needs the operator to re-enter a second-factor code first (lib/auth/step-up.ts); the screen asks. */
export const STEP_UP_REQUIRED = 'step_up_required';

export interface RefusalOptions {
  /** Default `conflict`; null when this is a failure the operator must know about rather than a refusal. */
  reason?: RefusalReason | null;
  /** The form field the message belongs beside. */
  field?: string | undefined;
  /** A machine-readable code for screens that branch on it (`no_card_now`, `card_taken`). */
  code?: string | undefined;
}

export class Refusal extends Error {
  override readonly name = 'Refusal';
  readonly reason: RefusalReason | null;
  readonly field: string | undefined;
  readonly code: string | undefined;

  constructor(message: string, options: RefusalOptions = {}) {
    super(message);
    this.reason = options.reason === undefined ? 'conflict' : options.reason;
    this.field = options.field;
    this.code = options.code;
  }
}

/** What went wrong, as the operator reads it and as the audit log keeps it. */
export interface Explained {
  message: string;
  reason: RefusalReason | null;
  field?: string | undefined;
  code?: string | undefined;
  /** The upstream HTTP status, when an upstream answered. */
  status?: number | null;
  /** The audit record's short note: never a secret nor an upstream's own text. */
  detail: string;
}

/** A boundary's error that knows what it means to an operator. */
export interface ExplainsItself {
  explain(): Explained;
}

function explainsItself(error: unknown): error is ExplainsItself {
  return (
    typeof error === 'object' && error !== null && typeof (error as Partial<ExplainsItself>).explain === 'function'
  );
}

/** The one translator: a Refusal or a self-explaining error in words; null for anything unexpected. */
export function explainError(error: unknown): Explained | null {
  if (error instanceof Refusal)
    return {
      message: error.message,
      reason: error.reason,
      field: error.field,
      code: error.code,
      detail: error.message,
    };
  if (explainsItself(error)) return error.explain();
  return null;
}
