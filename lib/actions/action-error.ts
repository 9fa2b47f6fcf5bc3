/**
 * An expected failure the operator can act on; its message is shown as is. A module of its own, free of Next's
 * imports, so work that also runs in the background worker (visits) can refuse in the same words.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
