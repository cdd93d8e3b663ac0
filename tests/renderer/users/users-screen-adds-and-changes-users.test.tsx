// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../renderer/app/shortcuts';
import { LeadNav } from '../../../renderer/features/board/LeadNav';
import UsersScreen from '../../../renderer/features/users/UsersScreen';
import { useAppStore } from '../../../renderer/store';
import type { UserSummary } from '../../../shared/cis';
import { answers, callsTo, refusals } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const user = (username: string, name: string, o: Partial<UserSummary> = {}): UserSummary => ({
  id: `u-${username}`,
  username,
  name,
  role: 'agent',
  languages: ['en'],
  team: 'care-a',
  disabled: false,
  mustChangePassword: false,
  createdAt: '2026-11-17T15:00:00.000Z',
  ...o,
});

const admin = user('admin', 'Sam Admin', { role: 'admin' });
const agent = user('agent', 'Alex Rivera', { languages: ['en', 'es'] });

function fill(form: HTMLElement, label: RegExp, value: string) {
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });
}

const ctrlAltU = () =>
  fireEvent.keyDown(window, { key: 'u', code: 'KeyU', ctrlKey: true, altKey: true });

describe('the administrator’s Users screen', () => {
  afterEach(() => {
    tidy();
    useAppStore.setState({ users: null, usersNotice: null, leadView: 'desk' });
  });

  it('is opened by an administrator only: no button and no Ctrl+Alt+U for a lead', async () => {
    const uninstall = installShortcutListener();
    try {
      const lead = await renderWith(<LeadNav />, { role: 'lead' });
      expect(screen.queryByRole('button', { name: /Users/ })).toBeNull();
      ctrlAltU();
      expect(useAppStore.getState().leadView).toBe('desk');
      lead.unmount();

      await renderWith(<LeadNav />, { role: 'admin' });
      expect(screen.getByRole('button', { name: /Users/ })).toBeTruthy();
      ctrlAltU();
      expect(useAppStore.getState().leadView).toBe('users');
    } finally {
      uninstall();
    }
  });

  it('lists the users, checks the temporary password as typed, and adds one with a reason', async () => {
    answers['users.list'] = () => ({ users: [admin, agent] });
    answers['users.add'] = (r) =>
      user('maria', 'María Ochoa', { ...(r as object), mustChangePassword: true });
    await renderWith(<UsersScreen />, { role: 'admin' });
    const row = await screen.findByRole('row', { name: /Alex Rivera/ });
    expect(within(row).getByText('English, Spanish')).toBeTruthy();
    expect(within(row).getByText('Care A')).toBeTruthy();
    expect(within(row).getByText('Enabled')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Add a user' });
    fill(form, /^User name/, 'Maria');
    fill(form, /^Full name/, 'María Ochoa');
    fill(form, /^Temporary password/, 'maria-1234567');
    expect(
      within(form).getByText('The temporary password must not contain the user name.'),
    ).toBeTruthy();
    fireEvent.submit(form);
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The temporary password must not contain the user name.',
    );
    fill(form, /^Temporary password/, 'Given-By-Admin-01');
    fireEvent.submit(form);
    expect(screen.getByRole('alert').textContent).toBe(
      'Write the reason: it is kept with the change.',
    );
    expect(callsTo('users.add')).toEqual([]);

    fill(form, /^Reason/, 'new hire HR-114');
    fireEvent.click(within(form).getByLabelText('Spanish'));
    fireEvent.submit(form);
    await screen.findByText('María Ochoa was added. Give them the temporary password in person.');
    expect(callsTo('users.add')).toEqual([
      {
        username: 'maria',
        name: 'María Ochoa',
        role: 'agent',
        languages: ['en', 'es'],
        team: 'care',
        temporaryPassword: 'Given-By-Admin-01',
        reason: 'new hire HR-114',
      },
    ]);
    const added = screen.getByRole('row', { name: /María Ochoa/ });
    expect(within(added).getByText('Yes')).toBeTruthy();
  });

  it('disables a user with a reason, and says the server’s refusal in Spanish', async () => {
    answers['users.list'] = () => ({ users: [admin, agent] });
    answers['users.disable'] = () => ({ ...agent, disabled: true });
    refusals['users.changeRole'] = () => ({ code: 'last_admin' });
    await renderWith(<UsersScreen />, { role: 'admin', locale: 'es' });
    await screen.findByRole('row', { name: /Alex Rivera/ });
    const form = screen.getByRole('form', { name: 'Cambiar un usuario' });
    fireEvent.change(within(form).getByLabelText('Usuario'), { target: { value: 'u-agent' } });
    fill(form, /^Motivo/, 'dejó la empresa');
    fireEvent.submit(form);
    await screen.findByText('Alex Rivera quedó deshabilitado: sus sesiones terminaron.');
    expect(callsTo('users.disable')).toEqual([{ user: 'u-agent', reason: 'dejó la empresa' }]);
    expect(
      within(screen.getByRole('row', { name: /Alex Rivera/ })).getByText('Deshabilitado'),
    ).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Usuario'), { target: { value: 'u-admin' } });
    fireEvent.change(within(form).getByLabelText('Qué hacer'), {
      target: { value: 'changeRole' },
    });
    fireEvent.change(within(form).getByLabelText('Nuevo rol'), { target: { value: 'lead' } });
    fill(form, /^Motivo/, 'cambio de puesto');
    fireEvent.submit(form);
    await screen.findByText(
      'Es el último administrador habilitado: habilite o agregue otro administrador primero.',
    );
    expect(callsTo('users.changeRole')).toEqual([
      { user: 'u-admin', role: 'lead', reason: 'cambio de puesto' },
    ]);
    expect(
      within(screen.getByRole('row', { name: /Sam Admin/ })).getByText('administrador'),
    ).toBeTruthy();
  });

  it('says a weak password the server refused by the rule it broke', async () => {
    answers['users.list'] = () => ({ users: [admin, agent] });
    refusals['users.resetPassword'] = () => ({
      code: 'weak_password',
      details: { problem: 'trainingPassword' },
    });
    await renderWith(<UsersScreen />, { role: 'admin' });
    await screen.findByRole('row', { name: /Alex Rivera/ });
    const form = screen.getByRole('form', { name: 'Change a user' });
    fireEvent.change(within(form).getByLabelText('User'), { target: { value: 'u-agent' } });
    fireEvent.change(within(form).getByLabelText('What to do'), {
      target: { value: 'resetPassword' },
    });
    fill(form, /^Temporary password/, 'short');
    fireEvent.submit(form);
    expect(screen.getByRole('alert').textContent).toBe(
      'The temporary password needs at least 12 characters.',
    );
    expect(callsTo('users.resetPassword')).toEqual([]);
    fill(form, /^Temporary password/, 'A-long-enough-one-9');
    fill(form, /^Reason/, 'forgot it');
    fireEvent.submit(form);
    await screen.findByText('The training password cannot be used here.');
    expect(callsTo('users.resetPassword')).toEqual([
      { user: 'u-agent', temporaryPassword: 'A-long-enough-one-9', reason: 'forgot it' },
    ]);
  });
});
