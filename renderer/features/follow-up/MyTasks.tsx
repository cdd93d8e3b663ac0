import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../app/dialog';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import { TaskItem } from './FollowUpSection';

/**
 * The agent's task list: their own open tasks and their team's, the earliest due first, from the
 * CIS. A button with the count, and Ctrl+Alt+Y, open it over the workspace; each task opens its
 * account or is completed where it stands.
 */
export function MyTasks() {
  const { t } = useTranslation('followUp');
  const signedIn = useAppStore((s) => s.session?.principal != null);
  const tasks = useAppStore((s) => s.myTasks);
  const error = useAppStore((s) => s.myTasksError);
  const load = useAppStore((s) => s.loadMyTasks);
  const openAccount = useAppStore((s) => s.openAccount);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const shortcuts = useMemo<Shortcut[]>(
    () =>
      signedIn
        ? [
            {
              id: 'followUp.myTasks',
              keys: ['Ctrl+Alt+Y'],
              labelKey: 'followUp:shortcuts.myTasks',
              run: () => setOpen((o) => !o),
            },
          ]
        : [],
    [signedIn],
  );
  useShortcuts(shortcuts);
  useModalDialog(dialog, open);
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  if (!signedIn) return null;
  return (
    <>
      <button type="button" className="tasks-button" onClick={() => setOpen(true)}>
        {t('mine.open')} {tasks !== null && <span className="badge info">{tasks.length}</span>}{' '}
        <kbd>Ctrl+Alt+Y</kbd>
      </button>
      <dialog
        ref={dialog}
        className="overlay wide"
        aria-labelledby="my-tasks-title"
        onCancel={() => setOpen(false)}
        onClose={() => {
          if (!dialog.current?.open) setOpen(false);
        }}
      >
        {open && (
          <section aria-labelledby="my-tasks-title">
            <div className="panel-head">
              <h2 id="my-tasks-title">{t('mine.title')}</h2>
              <button type="button" onClick={() => void load()}>
                {t('mine.refresh')}
              </button>
            </div>
            {error && (
              <p className="error" role="alert">
                {t(error)}
              </p>
            )}
            {tasks === null && !error && <p className="muted">{t('mine.loading')}</p>}
            {tasks?.length === 0 && <p className="muted">{t('mine.empty')}</p>}
            {tasks && tasks.length > 0 && (
              <ul className="task-list">
                {tasks.map((task) => (
                  <TaskItem
                    key={task.id}
                    task={task}
                    showAccount={
                      <button
                        type="button"
                        className="link"
                        aria-label={t('mine.openAccount', { number: task.accountNumber })}
                        onClick={() => {
                          setOpen(false);
                          void openAccount(task.accountNumber);
                        }}
                      >
                        {t('mine.account', { number: task.accountNumber })}
                      </button>
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        )}
        <button type="button" onClick={() => setOpen(false)}>
          {t('mine.close')}
        </button>
      </dialog>
    </>
  );
}
