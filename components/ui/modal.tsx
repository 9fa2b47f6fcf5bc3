'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from './cn';

/**
 * A modal on the browser's own <dialog>: showModal() puts it in the top layer and makes the rest of the page inert
 * (focus stays inside), Escape closes it, and focus returns to where it was when it closes. Labelled by its title
 * and described by its description. Content is mounted only while open, so forms start fresh each time.
 */
export function Modal({
  open,
  onClose,
  title,
  description,
  role,
  closeOnBackdrop = true,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** `alertdialog` for questions that need an answer. */
  role?: 'alertdialog';
  closeOnBackdrop?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape or close(): tell the owner, whose state decides whether the dialog is open.
      onClose={onClose}
      onClick={(event) => {
        // A click on the dialog element itself is a click on the backdrop around the content.
        if (closeOnBackdrop && event.target === ref.current) onClose();
      }}
      className={cn(
        'm-auto max-h-[90vh] rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40',
        className ?? 'w-[min(34rem,92vw)]',
      )}
    >
      {open && (
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
