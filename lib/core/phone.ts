/**
 * The portal's one phone rule: a number is kept and sent as E.164 (+919812345678), as Spintly stores it. Numbers
 * written with + or 00 keep their country; national numbers get `PORTAL_DEFAULT_COUNTRY`'s calling code (a leading
 * trunk 0 dropped). The person form, the visitor form, the import, the offboarding list and the directory match all
 * go through here, so a person added in one is found by phone in the others. A handful of countries are known — the
 * portal's customers' — rather than a full numbering-plan library for one column.
 */
const CALLING_CODES: Record<string, { code: string; national: RegExp }> = {
  IN: { code: '91', national: /^[6-9]\d{9}$/ },
  AE: { code: '971', national: /^\d{8,9}$/ },
  SG: { code: '65', national: /^\d{8}$/ },
  GB: { code: '44', national: /^\d{9,10}$/ },
  US: { code: '1', national: /^\d{10}$/ },
};

export const SUPPORTED_COUNTRIES = Object.keys(CALLING_CODES);

/**
 * What a phone field may hold before it is read as a number: 7 to 15 digits, optionally after a +, once spaces,
 * dots, dashes and brackets are dropped. Forms check this as you type (the browser does not know the portal's
 * country); the server then spells it as E.164 with `toE164`.
 */
export const PHONE_SHAPE = /^\+?[0-9]{7,15}$/;
export const PHONE_SHAPE_MESSAGE = 'Enter 7 to 15 digits, optionally starting with +';

/** The text without the separators people type: "+91 98450-12345" → "+919845012345". */
export function compactPhone(raw: string): string {
  return raw.trim().replace(/[\s().-]/g, '');
}

/** E.164, or null when the text cannot be a phone number of `country` or an international one. */
export function toE164(raw: string, country: string): string | null {
  const compact = compactPhone(raw);
  if (compact === '') return null;
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
  if (international !== null) return /^[1-9]\d{6,14}$/.test(international) ? `+${international}` : null;
  const plan = CALLING_CODES[country];
  if (!plan || !/^\d+$/.test(compact)) return null;
  const national = compact.replace(/^0/, '');
  if (plan.national.test(national)) return `+${plan.code}${national}`;
  // Already with the calling code but without the + (919812345678).
  if (compact.startsWith(plan.code) && plan.national.test(compact.slice(plan.code.length))) return `+${compact}`;
  return null;
}

/**
 * Every way one number may already be stored (people made before the portal spelled phones as E.164, or in Spintly's
 * own app): E.164, without the +, and — in the portal's country — national, with or without the trunk 0. For finding
 * a person by phone among stored rows; compare the rows with `toE164` afterwards.
 */
export function storedSpellings(e164: string, country: string): string[] {
  const digits = e164.slice(1);
  const spellings = [e164, digits];
  const plan = CALLING_CODES[country];
  if (plan && digits.startsWith(plan.code)) {
    const national = digits.slice(plan.code.length);
    spellings.push(national, `0${national}`);
  }
  return spellings;
}

/** A phone as the same person's phone in any spelling compares: E.164 when it reads as one, else its compact text. */
export function phoneKey(raw: string, country: string): string {
  return toE164(raw, country) ?? compactPhone(raw);
}

/** The message for a phone that is not a number in the portal's country nor an international one. */
export function notAPhoneMessage(raw: string): string {
  return `“${raw}” is not a phone number here: write it with its country code, e.g. +91 98450 12345.`;
}
