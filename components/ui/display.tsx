'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_DISPLAY, formatDate, formatDateTime, type DisplaySettings } from '@/lib/format';

/** The portal's time zone and locale, handed down by the signed-in layout so client components format as pages do. */
const DisplayContext = createContext<DisplaySettings>(DEFAULT_DISPLAY);

export function DisplayProvider({ settings, children }: { settings: DisplaySettings; children: ReactNode }) {
  return <DisplayContext.Provider value={settings}>{children}</DisplayContext.Provider>;
}

export const useDisplay = () => useContext(DisplayContext);

/** An instant as a <time> in the portal's zone: the date and time, or only the date. */
export function LocalTime({ instant, dateOnly = false }: { instant: string; dateOnly?: boolean }) {
  const settings = useDisplay();
  return (
    <time dateTime={instant} title={instant}>
      {dateOnly ? formatDate(instant, settings) : formatDateTime(instant, settings)}
    </time>
  );
}
