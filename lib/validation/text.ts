import { z } from 'zod';

/**
 * Text a person typed, made safe to store in Spintly, show in a list and write to a CSV or a log: NFC-normalised
 * (so "é" typed two ways is one name), trimmed, and refused when it holds
 * - control characters (NUL, escape, bell…): they corrupt terminals, logs and exports;
 * - bidirectional overrides and isolates: they make "Ravi" display as something else ("Trojan Source");
 * - nothing visible at all (only zero-width or other invisible characters).
 * Zero-width joiner and non-joiner stay allowed inside a name: Devanagari, Malayalam and Kannada spellings need them.
 */
// Cc (C0, DEL, C1) and the line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; and the invisible marks that only steer direction.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
// Characters that draw nothing: zero-width space/joiners, word joiner, invisible operators, BOM, soft hyphen, fillers.
const INVISIBLE = /[\s\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\u3164\uffa0\u115f\u1160]/gu;

export const TEXT_RULES = {
  control: 'Remove control characters (such as tabs, line breaks or escape codes)',
  bidi: 'Remove text-direction control characters',
  invisible: 'Enter visible characters, not only spaces or invisible ones',
} as const;

/** Why a value is not acceptable text, or null when it is. */
export function textProblem(value: string): string | null {
  if (CONTROL.test(value)) return TEXT_RULES.control;
  if (BIDI.test(value)) return TEXT_RULES.bidi;
  if (value.length > 0 && value.replace(INVISIBLE, '').length === 0) return TEXT_RULES.invisible;
  return null;
}

/** A single-line text field: normalised and trimmed, then checked; length limits go after it with `.pipe`. */
export const safeText = () =>
  z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
