'use client';

import { cloneElement, useState, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { Button } from './button';
import { Modal } from './modal';

/** Asks before something hard to undo. The confirm button says what will happen; Cancel has the focus first. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  tone = 'danger',
  onConfirm,
}: {
  /** The button that opens the question (its own onClick, if any, runs first). */
  trigger: ReactElement<{ onClick?: (event: MouseEvent<HTMLButtonElement>) => void }>;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {cloneElement(trigger, {
        onClick: (event: MouseEvent<HTMLButtonElement>) => {
          trigger.props.onClick?.(event);
          setOpen(true);
        },
      })}
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        role="alertdialog"
        closeOnBackdrop={false}
        title={title}
        description={description}
        className="w-[min(28rem,92vw)]"
      >
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant={tone}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </Modal>
    </>
  );
}
