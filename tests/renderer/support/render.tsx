import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { i18n } from '../../../renderer/i18n';
import { useAppStore } from '../../../renderer/store';
import type { AccountView } from '../../../shared/ipc';
import { resetBridge } from './fake-bridge';

/** Puts an open account and a signed-in user in the store, then renders in the language asked. */
export async function renderWith(
  ui: ReactElement,
  o: { view?: AccountView; role?: 'agent' | 'lead' | 'admin'; locale?: 'en' | 'es' } = {},
) {
  await i18n.changeLanguage(o.locale ?? 'en');
  useAppStore.setState({
    view: o.view ?? null,
    openNumber: o.view?.header.number ?? null,
    outbox: [],
    actionError: null,
    approvals: null,
    decisions: {},
    myRequests: null,
    sync: {
      online: true,
      pending: 0,
      lastSyncAt: Date.now(),
      initialLoad: null,
      error: null,
      heldForOtherUser: 0,
    },
    session: {
      principal: {
        userId: `u-${o.role ?? 'agent'}`,
        name: o.role === 'lead' ? 'Jordan Lee' : 'Alex Rivera',
        role: o.role ?? 'agent',
        languages: ['en', 'es'],
        team: 'care-a',
      },
      training: true,
      demoUsers: [],
      cisUrl: '',
    },
  });
  return render(ui);
}

export function tidy(): void {
  cleanup();
  resetBridge();
  useAppStore.setState({ panelRequest: null });
}
