import { type RefObject, useEffect } from 'react';

/** Keeps a <dialog> shown as a modal while `open`, and closed otherwise. */
export function useModalDialog(dialog: RefObject<HTMLDialogElement | null>, open: boolean): void {
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [dialog, open]);
}
