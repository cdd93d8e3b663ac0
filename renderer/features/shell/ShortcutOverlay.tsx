import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../app/dialog';
import { inEntry, shortcutCatalog } from '../../app/shortcut-catalog';
import { keycapText, useRegisteredShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';

/**
 * The list of every shortcut, opened with ? or F1: those in force here, then the desk's others
 * (shortcut-catalog.ts) where they work. A modal dialog, Esc closes it.
 */
export function ShortcutOverlay() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.shortcutsOpen);
  const setOpen = useAppStore((s) => s.setShortcutsOpen);
  const shortcuts = useRegisteredShortcuts();
  const lead = useAppStore((s) => s.session?.principal?.role !== 'agent');
  const admin = useAppStore((s) => s.session?.principal?.role === 'admin');
  const elsewhere = shortcutCatalog.filter(
    (entry) =>
      (lead || !entry.lead) &&
      (admin || !entry.admin) &&
      !shortcuts.some((s) => inEntry(entry, s.id)),
  );
  const keycaps = (keys: string[]) => keys.map((k) => <kbd key={k}>{keycapText(k, t)}</kbd>);
  const dialog = useRef<HTMLDialogElement>(null);

  useModalDialog(dialog, open);

  return (
    <dialog
      ref={dialog}
      className="overlay"
      aria-labelledby="shortcuts-title"
      onCancel={() => setOpen(false)}
      // The close event is queued: by the time it fires the overlay may have been reopened.
      onClose={() => {
        if (!dialog.current?.open) setOpen(false);
      }}
    >
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <p>{t('shortcuts.intro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.id}>
              <td>{keycaps(s.display ?? s.keys)}</td>
              <td>{t(s.labelKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {elsewhere.length > 0 && (
        <table>
          <caption>{t('shortcuts.elsewhere')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.key')}</th>
              <th scope="col">{t('shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {elsewhere.map((entry) => (
              <tr key={entry.id}>
                <td>{keycaps(entry.keys)}</td>
                <td>{t(entry.labelKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => setOpen(false)}>
        {t('shortcuts.close')}
      </button>
    </dialog>
  );
}
