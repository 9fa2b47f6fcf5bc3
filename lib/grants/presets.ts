/**
 * How long temporary access lasts, as the form offers it. Kept apart from the form's zod schema so the person page's
 * client component can list the choices without shipping zod to the browser.
 */
export const ACCESS_PRESETS = ['4h', 'today', 'week', 'until'] as const;
export type AccessPreset = (typeof ACCESS_PRESETS)[number];

export const PRESET_LABELS: Record<AccessPreset, string> = {
  '4h': '4 hours',
  today: 'Until the end of today',
  week: '1 week',
  until: 'Until a date',
};
