import { EVENT_LABELS } from '@/lib/activity/vocabulary';
import type { AccessResult } from '@/lib/db/schema';

/** How an event's outcome is shown, on the server and in the live list alike (a module neither marks as client). */
export const RESULT_LABEL: Record<AccessResult, { text: string; className: string }> = {
  granted: { text: EVENT_LABELS.granted, className: 'bg-green-100 text-green-900' },
  denied: { text: EVENT_LABELS.denied, className: 'bg-red-100 text-red-900' },
  // Spintly's webhook does not say; shown as such, never as granted.
  unknown: { text: EVENT_LABELS.unknown, className: 'bg-slate-100 text-slate-700' },
};
