'use client';

import { Toaster as Sonner } from 'sonner';

/** Outcome toasts, announced to screen readers by sonner's live region. */
export function Toaster() {
  return <Sonner position="top-right" richColors closeButton />;
}
