import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import type { LeadView } from './board-slice';

/** An administrator also sees the Users screen; its channels and the CIS check the role again. */
export function useIsAdmin(): boolean {
  return useAppStore((s) => s.session?.principal?.role === 'admin');
}

/** Leads and admins see the board; the IPC channels and the hub check the role again. */
export function useIsLead(): boolean {
  const role = useAppStore((s) => s.session?.principal?.role ?? null);
  return role !== null && roleAtLeast(role, 'lead');
}

const VIEWS: LeadView[] = ['desk', 'board', 'reports', 'users'];

/**
 * The lead's views: the desk (they take calls too), the team board, the interval reports; and an
 * administrator's Users screen.
 */
export function LeadNav() {
  const { t } = useTranslation('board');
  const view = useAppStore((s) => s.leadView);
  const setView = useAppStore((s) => s.setLeadView);
  const admin = useIsAdmin();
  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        id: 'board.desk',
        keys: ['Ctrl+Alt+D'],
        labelKey: 'board:shortcuts.desk',
        run: () => useAppStore.getState().setLeadView('desk'),
      },
      {
        id: 'board.board',
        keys: ['Ctrl+Alt+B'],
        labelKey: 'board:shortcuts.board',
        run: () => useAppStore.getState().setLeadView('board'),
      },
      {
        id: 'board.reports',
        keys: ['Ctrl+Alt+G'],
        labelKey: 'board:shortcuts.reports',
        run: () => useAppStore.getState().setLeadView('reports'),
      },
      ...(admin
        ? [
            {
              id: 'users.open',
              keys: ['Ctrl+Alt+U'],
              labelKey: 'users:shortcut',
              run: () => useAppStore.getState().setLeadView('users'),
            },
          ]
        : []),
    ],
    [admin],
  );
  useShortcuts(shortcuts);
  const keys: Record<LeadView, string> = { desk: 'D', board: 'B', reports: 'G', users: 'U' };
  return (
    <nav className="lead-nav" aria-label={t('nav.label')}>
      {VIEWS.filter((v) => admin || v !== 'users').map((v) => (
        <button
          key={v}
          type="button"
          aria-current={view === v ? 'page' : undefined}
          onClick={() => setView(v)}
        >
          {t(`nav.${v}`)} <kbd>Ctrl+Alt+{keys[v]}</kbd>
        </button>
      ))}
    </nav>
  );
}
