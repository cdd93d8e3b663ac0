import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../app/dialog';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import { ApprovalQueue } from './ApprovalQueue';

/**
 * The approval queue in the desktop, for team leads (and above): a button with the count, and
 * Ctrl+Alt+Q, open it over the workspace; opening a request's account closes it.
 */
export function LeadApprovals() {
  const { t } = useTranslation('approvals');
  const isLead = useAppStore((s) => {
    const role = s.session?.principal?.role;
    return role === 'lead' || role === 'admin';
  });
  const count = useAppStore((s) => s.approvals?.length ?? null);
  const openAccount = useAppStore((s) => s.openAccount);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const shortcuts = useMemo<Shortcut[]>(
    () =>
      isLead
        ? [
            {
              id: 'approvals.open',
              keys: ['Ctrl+Alt+Q'],
              labelKey: 'approvals:shortcut',
              run: () => setOpen((o) => !o),
            },
          ]
        : [],
    [isLead],
  );
  useShortcuts(shortcuts);
  useModalDialog(dialog, open);
  useEffect(() => {
    if (isLead) void useAppStore.getState().loadApprovals();
  }, [isLead]);
  if (!isLead) return null;
  return (
    <>
      <button type="button" className="approvals-button" onClick={() => setOpen(true)}>
        {t('open')} {count !== null && <span className="badge info">{count}</span>}{' '}
        <kbd>Ctrl+Alt+Q</kbd>
      </button>
      <dialog
        ref={dialog}
        className="overlay wide"
        aria-labelledby="approvals-title"
        onCancel={() => setOpen(false)}
        onClose={() => {
          if (!dialog.current?.open) setOpen(false);
        }}
      >
        {open && (
          <ApprovalQueue
            onOpenAccount={(number) => {
              setOpen(false);
              void openAccount(number);
            }}
          />
        )}
        <button type="button" onClick={() => setOpen(false)}>
          {t('close')}
        </button>
      </dialog>
    </>
  );
}
