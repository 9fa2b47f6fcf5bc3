import 'server-only';
import { UNKNOWN_OUTCOME, type Explained, type ExplainsItself, type RefusalReason } from '../core/refusal';

/**
 * Every failure of a Spintly call becomes a SpintlyError at the client's boundary: a kind the portal can branch on,
 * the HTTP status, the endpoint, and a message written for an admin. Spintly's own text goes to the log only
 * (`upstreamMessage` is never shown): it can be cryptic, and it is not ours to show.
 */
export type SpintlyErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'bad_response';

/** A field a conflict is about, when the client could tell: lets a form put the error beside the right input. */
export type ConflictField = 'email' | 'phone' | 'credentialId';

const MESSAGES: Record<SpintlyErrorKind, string> = {
  invalid: 'Spintly refused the request as invalid. Check the values entered and try again.',
  unauthorized:
    'The portal could not sign in to Spintly. An administrator should check the client id and secret configured for the portal.',
  forbidden:
    'Spintly refused access for this organisation. An administrator should check the organisation id and the API client’s permissions in Spintly.',
  not_found: 'Spintly has no such record. It may have been deleted; refresh the page and try again.',
  conflict: 'That value is already used by someone else in Spintly.',
  rate_limited: 'Spintly is receiving too many requests right now. Wait a minute and try again.',
  unavailable: 'Spintly is not answering right now. Try again in a few minutes.',
  timeout: 'Spintly took too long to answer. Try again; if this keeps happening, Spintly may be having problems.',
  bad_response:
    'Spintly sent an answer the portal does not understand. The problem has been logged; contact support if it continues.',
};

/**
 * After a write failed ambiguously (timeout, 5xx, dropped connection) the operator is told one of three truths: it
 * was made (no error), it was not (`NOT_MADE`, only when the portal looked and found it absent), or nobody knows
 * (`UNKNOWN_OUTCOME`). "Nothing was lost" is never said unless the portal knows.
 */
export const UNKNOWN_OUTCOME_MESSAGE =
  'Spintly did not confirm this change, so it may or may not have been made. Check before trying again.';
/** The same, for a change that cannot happen twice (setting who has a door, deactivating): retrying is safe. */
export const UNKNOWN_OUTCOME_SAFE_TO_RETRY_MESSAGE =
  'Spintly did not confirm this change, so it may or may not have been made. Check, or try again: it cannot be made twice.';
export const NOT_MADE_MESSAGE =
  'Spintly is not answering right now. The portal checked: the change was not made. Try again in a few minutes.';

/**
 * The refusals among Spintly's answers (it said no to what was asked), by the error's kind; the rest — timeouts,
 * outages, rate limits, its own errors — are failures.
 */
export const REFUSED_BY_SPINTLY: Partial<Record<SpintlyErrorKind, RefusalReason>> = {
  invalid: 'validation',
  conflict: 'conflict',
  not_found: 'not_found',
};

export class SpintlyError extends Error implements ExplainsItself {
  override readonly name = 'SpintlyError';
  readonly kind: SpintlyErrorKind;
  /** HTTP status from Spintly, or null when no answer came (timeout, network). */
  readonly status: number | null;
  /** Contract endpoint name (`createUser`) or `token`. */
  readonly endpoint: string;
  readonly field: ConflictField | undefined;
  /** For a card held by someone else: who holds it, so the portal can name them when they are in scope. */
  readonly holderId: number | undefined;
  /** Seconds Spintly asked us to wait, for rate limits. */
  readonly retryAfterS: number | undefined;
  /** Spintly's own words, for the log. Never put this in front of a user. */
  readonly upstreamMessage: string | undefined;
  /** A write that may or may not have been applied: the operator must check before trying again. */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    kind: SpintlyErrorKind;
    endpoint: string;
    status?: number | null;
    message?: string;
    field?: ConflictField;
    holderId?: number;
    retryAfterS?: number;
    upstreamMessage?: string;
    outcomeUnknown?: boolean;
  }) {
    super(init.message ?? MESSAGES[init.kind]);
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.endpoint = init.endpoint;
    this.field = init.field;
    this.holderId = init.holderId;
    this.retryAfterS = init.retryAfterS;
    this.upstreamMessage = init.upstreamMessage;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  private copy(changes: { message: string; outcomeUnknown: boolean }): SpintlyError {
    return new SpintlyError({
      kind: this.kind,
      endpoint: this.endpoint,
      status: this.status,
      ...(this.retryAfterS !== undefined && { retryAfterS: this.retryAfterS }),
      ...(this.upstreamMessage !== undefined && { upstreamMessage: this.upstreamMessage }),
      ...changes,
    });
  }

  /** The same failure of a write whose effect nobody can vouch for. */
  withUnknownOutcome(message = UNKNOWN_OUTCOME_MESSAGE): SpintlyError {
    return this.copy({ message, outcomeUnknown: true });
  }

  /** The same failure, once the portal has looked and found that the change did not land. */
  confirmedNotMade(message = NOT_MADE_MESSAGE): SpintlyError {
    return this.copy({ message, outcomeUnknown: false });
  }

  /** For the screen and the audit log (explainError): Spintly's refusals are refusals, the rest failures. */
  explain(): Explained {
    return {
      message: this.message,
      reason: REFUSED_BY_SPINTLY[this.kind] ?? null,
      field: this.field,
      ...(this.outcomeUnknown && { code: UNKNOWN_OUTCOME }),
      status: this.status,
      detail: `spintly ${this.kind}${this.outcomeUnknown ? ', outcome unknown' : ''}`,
    };
  }

  /** Failures where the request may or may not have been applied by Spintly. */
  get ambiguous(): boolean {
    return this.kind === 'timeout' || this.kind === 'unavailable';
  }

  /** Failures worth sending again when the request is safe to repeat. */
  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'unavailable' || this.kind === 'rate_limited';
  }
}

/** The kind of failure an HTTP status means. */
export function kindForStatus(status: number): SpintlyErrorKind {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'unavailable';
  return 'bad_response';
}

export function isSpintlyError(error: unknown): error is SpintlyError {
  return error instanceof SpintlyError;
}
