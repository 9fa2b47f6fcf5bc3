/**
 * Outcome toasts: `toast.success(message)` / `toast.error(message)` from any client component; the <Toaster> in the
 * root layout shows them. A module-level store read with useSyncExternalStore — a few lines instead of a library in
 * every page's first-load JavaScript.
 */
export type ToastTone = 'success' | 'error';

/** One thing the reader can do about the outcome, e.g. "Check now" after a change Spintly did not confirm. */
export interface ToastAction {
  label: string;
  onClick: () => void;
}

export interface ToastEntry {
  id: number;
  tone: ToastTone;
  message: string;
  action?: ToastAction;
}

/** At most this many at once: the oldest goes first. */
const MAX_SHOWN = 4;

let entries: readonly ToastEntry[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: readonly ToastEntry[]) {
  entries = next;
  for (const listener of listeners) listener();
}

function show(tone: ToastTone, message: string, action?: ToastAction): number {
  const id = nextId++;
  publish([...entries, { id, tone, message, ...(action && { action }) }].slice(-MAX_SHOWN));
  return id;
}

export const toast = {
  success: (message: string) => show('success', message),
  error: (message: string, action?: ToastAction) => show('error', message, action),
  dismiss: (id: number) => publish(entries.filter((entry) => entry.id !== id)),
};

export const toastStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => entries,
  /** The server renders no toasts. */
  serverSnapshot: (): readonly ToastEntry[] => [],
};
