/**
 * Phone numbers to E.164 (+919812345678), as Spintly stores them. Numbers written with + or 00 keep their country;
 * national numbers get `PORTAL_DEFAULT_COUNTRY`'s calling code (a leading trunk 0 dropped). A handful of countries are
 * known here — the portal's customers' — rather than a full numbering-plan library for one column.
 */
const CALLING_CODES: Record<string, { code: string; national: RegExp }> = {
  IN: { code: '91', national: /^[6-9]\d{9}$/ },
  AE: { code: '971', national: /^\d{8,9}$/ },
  SG: { code: '65', national: /^\d{8}$/ },
  GB: { code: '44', national: /^\d{9,10}$/ },
  US: { code: '1', national: /^\d{10}$/ },
};

export const SUPPORTED_COUNTRIES = Object.keys(CALLING_CODES);

/** E.164, or null when the text cannot be a phone number of `country` or an international one. */
export function toE164(raw: string, country: string): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, '');
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
