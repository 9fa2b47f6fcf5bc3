/**
 * The machine-readable reasons an action's result can carry, for the screens that branch on them. No server-only
 * import: the actions set them and client components read them, from this one place.
 */
/** Spintly did not confirm a write and the portal could not tell whether it landed: the screen offers "Check now". */
export const UNKNOWN_OUTCOME = 'unknown_outcome';
/** A replacement took the old card back but could not issue the new one: the person has no card right now. */
export const NO_CARD_NOW = 'no_card_now';
