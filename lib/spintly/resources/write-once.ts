import 'server-only';
import { SpintlyError } from '../errors';

/** Tries of a write that is looked up after each ambiguous failure (create a person, assign a card). */
export const WRITE_ONCE_ATTEMPTS = 2;

/**
 * A write that must not be repeated blindly (a second create makes a second person; a second card assignment can
 * fail as a conflict with itself). After every ambiguous failure — the retry's included — the portal looks whether
 * it landed: if it did, that is success; if the look shows it did not, one more try (or, after the last, a
 * confirmed "not made"); if the look itself fails, nobody knows, and the operator is told to check.
 */
export async function writeOnce<T>(
  attempt: () => Promise<T>,
  look: (failure: SpintlyError) => Promise<T | null>,
  onConflict: (failure: SpintlyError) => Promise<SpintlyError>,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof SpintlyError)) throw error;
      if (error.kind === 'conflict') throw await onConflict(error);
      if (!error.ambiguous) throw error;
      let landed: T | null;
      try {
        landed = await look(error);
      } catch (lookFailure) {
        // A conflict found by the look is a definite answer; anything else leaves the outcome unknown.
        if (lookFailure instanceof SpintlyError && lookFailure.kind === 'conflict') throw lookFailure;
        if (lookFailure instanceof SpintlyError && lookFailure.outcomeUnknown) throw lookFailure;
        throw error.withUnknownOutcome();
      }
      if (landed !== null) return landed;
      if (tries >= WRITE_ONCE_ATTEMPTS) throw error.confirmedNotMade();
    }
  }
}
