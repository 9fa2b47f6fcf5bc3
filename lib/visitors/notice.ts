import { createHash } from 'node:crypto';

/**
 * The standalone privacy notice a visitor is shown before they are registered (DPDP Act 2023, s. 5; Rules 2025, r. 3):
 * what is collected, why, for how long, and how to ask for it to be erased. `VISITOR_NOTICE` replaces the text; its
 * version is a short hash of the words, kept with each visit beside the time the visitor accepted it, so the record
 * says which words they saw even after the text changes.
 */
export function visitorNotice(settings: { notice: string | null; retentionDays: number }) {
  const text =
    settings.notice ??
    `We record your name, phone number (and email, if you give it), who you are visiting, and when you come in and go ` +
      `out, to let you into the building and keep it safe. Your host and the building's staff can see it. We delete it ` +
      `${settings.retentionDays} days after your last visit. To see it or have it erased sooner, ask the front desk.`;
  return { text, version: createHash('sha256').update(text).digest('hex').slice(0, 8) };
}
