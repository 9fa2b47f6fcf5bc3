'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { cn } from './cn';
import { toast, toastStore, type ToastEntry } from './toast';

/** How long a toast stays, unless the pointer or focus is on it: errors longer, to be read and acted on. */
const SHOWN_MS = { success: 6_000, error: 12_000 } as const;

/**
 * Where toasts appear. Two live regions that are always in the page, so screen readers announce what is added:
 * outcomes politely, failures at once.
 */
export function Toaster() {
  const entries = useSyncExternalStore(toastStore.subscribe, toastStore.snapshot, toastStore.serverSnapshot);
  const list = (tone: ToastEntry['tone']) => entries.filter((entry) => entry.tone === tone);
  return (
    <section
      aria-label="Notifications"
      className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2"
    >
      <ol aria-live="polite" className="flex flex-col gap-2">
        {list('success').map((entry) => (
          <ToastItem key={entry.id} entry={entry} />
        ))}
      </ol>
      <ol aria-live="assertive" className="flex flex-col gap-2">
        {list('error').map((entry) => (
          <ToastItem key={entry.id} entry={entry} />
        ))}
      </ol>
    </section>
  );
}

function ToastItem({ entry }: { entry: ToastEntry }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const start = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => toast.dismiss(entry.id), SHOWN_MS[entry.tone]);
  };
  const hold = () => clearTimeout(timer.current);
  useEffect(() => {
    timer.current = setTimeout(() => toast.dismiss(entry.id), SHOWN_MS[entry.tone]);
    return () => clearTimeout(timer.current);
  }, [entry.id, entry.tone]);
  return (
    <li
      data-testid="toast"
      data-tone={entry.tone}
      onMouseEnter={hold}
      onMouseLeave={start}
      onFocus={hold}
      onBlur={start}
      className={cn(
        'pointer-events-auto flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg',
        entry.tone === 'success'
          ? 'border-green-200 bg-green-50 text-green-900'
          : 'border-red-200 bg-red-50 text-red-900',
      )}
    >
      <div className="flex flex-1 flex-col items-start gap-2">
        <p>{entry.message}</p>
        {entry.action && (
          <button
            type="button"
            onClick={() => {
              entry.action?.onClick();
              toast.dismiss(entry.id);
            }}
            className="rounded border border-current px-2 py-0.5 text-xs font-medium focus-visible:outline-2"
          >
            {entry.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        onClick={() => toast.dismiss(entry.id)}
        className="shrink-0 rounded px-1 text-base leading-none opacity-70 hover:opacity-100 focus-visible:outline-2"
        aria-label="Dismiss notification"
      >
        ×
      </button>
    </li>
  );
}
