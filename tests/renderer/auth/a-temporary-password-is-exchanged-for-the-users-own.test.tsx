// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SignIn } from '../../../renderer/features/auth/SignIn';
import { useAppStore } from '../../../renderer/store';
import type { SessionView } from '../../../shared/ipc';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const signedIn: SessionView = {
  principal: {
    userId: 'u-nora',
    name: 'Nora Diaz',
    role: 'agent',
    languages: ['en'],
    team: 'care',
  },
  training: false,
  demoUsers: [],
  cisUrl: '',
};

async function atTheChange(locale: 'en' | 'es') {
  await renderWith(<SignIn />, { locale });
  act(() =>
    useAppStore.setState({
      session: { ...signedIn, principal: null },
      passwordChange: { username: 'nora', password: 'Given-By-Admin-01' },
      signInError: null,
    }),
  );
}

describe('the forced password change at sign-in', () => {
  afterEach(() => {
    tidy();
    useAppStore.setState({ passwordChange: null, signInError: null });
  });

  it('takes the new password first, says the rule in Spanish before sending, and signs in with it', async () => {
    await atTheChange('es');
    const first = screen.getByLabelText('Contraseña nueva');
    expect(document.activeElement).toBe(first);
    fireEvent.change(first, { target: { value: 'corta' } });
    fireEvent.submit(first.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe(
      'La contraseña nueva necesita al menos 12 caracteres.',
    );
    fireEvent.change(first, { target: { value: 'nora-es-mi-clave' } });
    fireEvent.submit(first.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe(
      'La contraseña nueva no debe contener su nombre de usuario.',
    );
    fireEvent.change(first, { target: { value: 'una frase larga y mía' } });
    fireEvent.change(screen.getByLabelText('La contraseña nueva otra vez'), {
      target: { value: 'una frase larga y tuya' },
    });
    fireEvent.submit(first.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('Las dos contraseñas nuevas no coinciden.');
    expect(callsTo('auth.changePassword')).toEqual([]);

    answers['auth.changePassword'] = () => signedIn;
    fireEvent.change(screen.getByLabelText('La contraseña nueva otra vez'), {
      target: { value: 'una frase larga y mía' },
    });
    await act(async () => {
      fireEvent.submit(first.closest('form')!);
    });
    expect(callsTo('auth.changePassword')).toEqual([
      { username: 'nora', password: 'Given-By-Admin-01', newPassword: 'una frase larga y mía' },
    ]);
    expect(useAppStore.getState().session?.principal?.name).toBe('Nora Diaz');
    expect(useAppStore.getState().passwordChange).toBeNull();
  });

  it('goes back to the sign-in form in English', async () => {
    await atTheChange('en');
    expect(screen.getByRole('heading', { name: 'Choose your own password' })).toBeTruthy();
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Back' })));
    expect(screen.getByRole('heading', { name: 'Sign in to Tapline' })).toBeTruthy();
  });
});
