// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountWorkspace } from '../../../renderer/features/account/AccountWorkspace';
import { type AppState, useAppStore } from '../../../renderer/store';
import type { SessionView } from '../../../shared/ipc';
import { philadelphiaAccount } from '../support/account';
import { answers } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const store = () => useAppStore.getState();
const account = philadelphiaAccount();

function sessionOf(userId: string | null): SessionView {
  return {
    principal: userId
      ? { userId, name: userId, role: 'agent', languages: ['en', 'es'], team: 'care-a' }
      : null,
    training: true,
    demoUsers: [],
    cisUrl: '',
  };
}

/** The desktop's main side: sign-in and sign-out, and one account to find. */
function desktop() {
  answers['auth.signIn'] = (req) => sessionOf((req as { username: string }).username);
  answers['auth.signOut'] = () => sessionOf(null);
  answers['account.search'] = () => ({
    results: [{ header: account.header, match: 'name', score: 2 }],
  });
  answers['account.open'] = () => account;
  answers['account.outbox'] = () => ({ items: [] });
}

/** The store's data (not its actions), as a plain object. */
function dataOf(state: AppState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => typeof v !== 'function'));
}

// Call records that missed the outbox stay, each keyed by its agent, for that agent's next session.
const DESKTOP_STATE = [
  'settings',
  'settingsError',
  'connection',
  'appInfo',
  'session',
  'sync',
  'unrecorded',
];

describe('signing out', () => {
  afterEach(tidy);

  it('leaves the next agent an empty search, no account and no panel', async () => {
    desktop();
    const view = await renderWith(<AccountWorkspace />);
    await act(() => store().signIn('alex', 'pw'));
    const field = screen.getByRole('combobox') as HTMLInputElement;
    await act(async () => {
      fireEvent.focus(field);
      fireEvent.change(field, { target: { value: 'Peña' } });
    });
    await screen.findByRole('option', { name: /PA-1000007/ });
    await act(async () => {
      fireEvent.keyDown(field, { key: 'Enter' });
    });
    await screen.findByRole('heading', { name: 'Ana Peña' });
    act(() => store().openPanel('adjustment'));

    await act(() => store().signOut());
    // The shell shows the sign-in screen meanwhile; the next agent gets a new workspace.
    view.unmount();
    await act(() => store().signIn('maria', 'pw'));
    render(<AccountWorkspace />);

    const next = screen.getByRole('combobox') as HTMLInputElement;
    expect(next.value).toBe('');
    expect(screen.queryByRole('option')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Ana Peña' })).toBeNull();
    expect(store()).toMatchObject({
      query: '',
      results: [],
      openNumber: null,
      view: null,
      panelRequest: null,
    });
  });

  it('returns every slice of the store to where it began, apart from the desktop’s own state', async () => {
    desktop();
    await act(() => store().signIn('alex', 'pw'));
    const initial = dataOf(useAppStore.getInitialState());
    const desktopBefore = Object.fromEntries(DESKTOP_STATE.map((k) => [k, dataOf(store())[k]]));
    // Every piece of the agent's state holds something of theirs.
    const agentKeys = Object.keys(initial).filter((k) => !DESKTOP_STATE.includes(k));
    expect(agentKeys.length).toBeGreaterThan(40);
    useAppStore.setState(Object.fromEntries(agentKeys.map((k) => [k, { leftBy: 'alex', k }])));

    // The main side says the session ended (signed out here, or the session expired).
    act(() => store().receiveSession(sessionOf(null)));
    await act(() => store().signIn('maria', 'pw'));

    const after = dataOf(store());
    for (const key of agentKeys)
      expect({ key, value: after[key] }).toEqual({ key, value: initial[key] });
    for (const key of DESKTOP_STATE.filter((k) => k !== 'session'))
      expect({ key, value: after[key] }).toEqual({ key, value: desktopBefore[key] });
    expect(store().session?.principal?.userId).toBe('maria');
  });

  it('keeps the work when the same agent’s session is confirmed again', async () => {
    desktop();
    await act(() => store().signIn('alex', 'pw'));
    await act(() => store().setQuery('Peña'));
    act(() => store().receiveSession(sessionOf('alex')));
    expect(store().query).toBe('Peña');
    expect(store().results).toHaveLength(1);
  });
});
