// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SignIn } from '../../../renderer/features/auth/SignIn';
import { i18n } from '../../../renderer/i18n';
import { useAppStore } from '../../../renderer/store';
import { IpcFailure, ipcError, type SessionView } from '../../../shared/ipc';
import { answers, callsTo } from '../support/fake-bridge';
import { tidy } from '../support/render';

const signedOut = (identityProvider: string | null): SessionView => ({
  principal: null,
  training: false,
  demoUsers: [],
  cisUrl: 'https://cis.example',
  identityProvider,
});

async function show(identityProvider: string | null, locale: 'en' | 'es' = 'en') {
  await i18n.changeLanguage(locale);
  useAppStore.setState({ session: signedOut(identityProvider), signInError: null });
  render(<SignIn />);
}

describe('the sign-in screen and the identity provider', () => {
  afterEach(() => {
    tidy();
    useAppStore.setState({ session: null, signInError: null });
  });

  it('shows no provider button when the CIS has none', async () => {
    await show(null);
    expect(screen.queryByRole('button', { name: /Sign in with/ })).toBeNull();
  });

  it('offers the provider by its name, and signs in through it', async () => {
    answers['auth.providerSignIn'] = () => ({
      ...signedOut('Utility Sign-In'),
      principal: { userId: 'u-1', name: 'Ana Lead', role: 'lead', languages: ['en'], team: 'care' },
      signedInWith: 'identityProvider',
    });
    await show('Utility Sign-In');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in with Utility Sign-In' }));
    });
    expect(callsTo('auth.providerSignIn')).toHaveLength(1);
    expect(useAppStore.getState().session?.principal?.role).toBe('lead');
  });

  it('says in Spanish why a user in no Tapline group is refused', async () => {
    answers['auth.providerSignIn'] = () => {
      throw new IpcFailure(ipcError('identity_provider_no_role'));
    };
    await show('Acceso de la empresa', 'es');
    await act(async () => {
      fireEvent.click(
        screen.getByRole('button', { name: 'Iniciar sesión con Acceso de la empresa' }),
      );
    });
    expect(screen.getByRole('alert').textContent).toMatch(/no pertenece a ningún grupo/);
  });
});
