/**
 * Every date and time the portal shows, reads or writes, in one place. The customers work in India: the portal's
 * time zone and locale (`PORTAL_TIME_ZONE`, default Asia/Kolkata; `PORTAL_LOCALE`, default en-IN) drive what a page
 * shows; CSVs carry ISO 8601 with the zone's offset, so a spreadsheet and a script read the same instant. Dates are
 * typed and shown as dd/mm/yyyy (yyyy-mm-dd is accepted too). No server-only import, so a client component can format
 * with the same functions when given the settings.
 */
export interface DisplaySettings {
  timeZone: string;
  locale: string;
}

// Building an Intl.DateTimeFormat costs ~50 µs, far more than formatting with one, and exports format every row: one
// per (use, locale, zone), kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(settings: DisplaySettings, options: Intl.DateTimeFormatOptions, name: string) {
  const key = `${name}|${settings.locale}|${settings.timeZone}`;
  let found = formatters.get(key);
  if (!found)
    formatters.set(
      key,
      (found = new Intl.DateTimeFormat(settings.locale, { timeZone: settings.timeZone, ...options })),
    );
  return found;
}

const DAY: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** "30/11/2026, 10:42 am" in the portal's zone. */
export function formatDateTime(instant: string | number | Date, settings: DisplaySettings): string {
  return formatter(settings, { ...DAY, ...TIME }, 'datetime').format(new Date(instant));
}

/** "30/11/2026": the calendar day an instant falls on in the portal's zone. */
export function formatDate(instant: string | number | Date, settings: DisplaySettings): string {
  return formatter(settings, DAY, 'date').format(new Date(instant));
}

/** "10:42 am". */
export function formatTime(instant: string | number | Date, settings: DisplaySettings): string {
  return formatter(settings, TIME, 'time').format(new Date(instant));
}

/** "1,00,000" in en-IN: counts as the portal's people read them. */
export function formatCount(n: number, settings: Pick<DisplaySettings, 'locale'>): string {
  return new Intl.NumberFormat(settings.locale).format(n);
}

/** "just now", "12 min ago", "3 h ago", "2 days ago" — for where recency matters more than the hour. */
export function relativeTime(instant: string | number | Date, now: number): string {
  const minutes = Math.round((now - new Date(instant).getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}

/** The zone's offset from UTC at an instant, in minutes (330 for India). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const name = formatter({ locale: 'en-US', timeZone }, { timeZoneName: 'longOffset' }, 'offset')
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 in the portal's zone, with its offset: "2026-11-30T10:42:00+05:30". For CSVs. */
export function isoWithOffset(instant: string | number | Date, timeZone: string): string {
  const date = new Date(instant);
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** A day as typed — dd/mm/yyyy (or d/m/yyyy, with / - or .) or yyyy-mm-dd — as yyyy-mm-dd; null when it is no date. */
export function parseDay(text: string): string | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const indian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : indian ? [indian[3], indian[2], indian[1]] : [];
  if (!y || !m || !d) return null;
  const day = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
  const check = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day ? null : day;
}

/** yyyy-mm-dd as the portal shows and takes it: dd/mm/yyyy. */
export function showDay(day: string): string {
  const [y, m, d] = day.split('-');
  return y && m && d ? `${d}/${m}/${y}` : day;
}

/** The calendar day (yyyy-mm-dd) an instant falls on in the zone. */
export function dayOf(instant: string | number | Date, timeZone: string): string {
  return isoWithOffset(instant, timeZone).slice(0, 10);
}

/** The first and last millisecond of a calendar day in the zone, as UTC ISO strings: for filters over stored times. */
/** A calendar day (yyyy-mm-dd) some days after another (before, when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from one calendar day (yyyy-mm-dd) to another; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function dayBounds(day: string, timeZone: string): { start: string; end: string } {
  const midnightUtc = new Date(`${day}T00:00:00.000Z`);
  const start = new Date(midnightUtc.getTime() - offsetMinutes(midnightUtc, timeZone) * 60_000);
  const nextUtc = new Date(midnightUtc.getTime() + 86_400_000);
  const end = new Date(nextUtc.getTime() - offsetMinutes(nextUtc, timeZone) * 60_000 - 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** A threshold as a person says it: "5 s", "15 min", "2 h". */
export function formatWait(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** The instant a wall-clock time on a day (yyyy-mm-dd, "09:30") names in the zone. */
export function instantAt(day: string, time: string, timeZone: string): Date {
  const [h = '0', m = '0'] = time.split(':');
  const asUtc = new Date(`${day}T${h.padStart(2, '0')}:${m.padStart(2, '0')}:00.000Z`);
  return new Date(asUtc.getTime() - offsetMinutes(asUtc, timeZone) * 60_000);
}

/** "09:30": the wall-clock time of an instant in the zone (24-hour, for time fields). */
export function clockTimeOf(instant: string | number | Date, timeZone: string): string {
  return isoWithOffset(instant, timeZone).slice(11, 16);
}
