'use client';

import type { ReactNode } from 'react';
import { Modal } from './modal';

/** A modal dialog the owner opens and closes; Escape, a backdrop click or the owner's Cancel close it. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Modal open={open} onClose={() => onOpenChange(false)} title={title} description={description}>
      {children}
    </Modal>
  );
}
