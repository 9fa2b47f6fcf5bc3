/**
 * The machine-readable reasons an action's result can carry, for the screens that branch on them. No server-only
 * import: the actions set them and client components read them, from this one place (lib/core/refusal.ts).
 */
export { NO_CARD_NOW, STEP_UP_REQUIRED, UNKNOWN_OUTCOME } from '../core/refusal';
