// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBar } from '../../../../renderer/features/shell/StatusBar';
import { useAppStore } from '../../../../renderer/store';
import { renderWith, tidy } from '../../support/render';

const pill = (id: string) => screen.getByTestId(id).textContent;
const online = {
  online: true,
  pending: 0,
  lastSyncAt: Date.now(),
  initialLoad: null,
  error: null,
  heldForOtherUser: 0,
};

/**
 * Three links, each named for what it reaches: Tapline's service on this workstation, the phone
 * (telephony) and the central system (the CIS). A link that cannot be known says so.
 */
describe('the status bar', () => {
  afterEach(tidy);

  it('at sign-in: the service is connected, and the phone and the central system wait for the agent', async () => {
    await renderWith(<StatusBar />);
    act(() =>
      useAppStore.setState({
        connection: 'open',
        session: { principal: null, training: true, demoUsers: [], cisUrl: '' },
        sync: { ...online, online: false, lastSyncAt: null },
        mode: null,
        registered: false,
      }),
    );
    expect(pill('connection')).toBe('Tapline service: Connected');
    expect(pill('phone')).toBe('Phone: Takes calls after you sign in');
    expect(pill('sync')).toBe('Central system: Reached after you sign in');
    expect(screen.queryByText(/Offline/)).toBeNull();
  });

  it('with the host stopped: nothing reads online while the service does not answer', async () => {
    await renderWith(<StatusBar />);
    act(() =>
      useAppStore.setState({
        connection: 'closed',
        sync: online,
        mode: 'simulator',
        registered: true,
      }),
    );
    expect(pill('connection')).toBe('Tapline service: Not answering: reconnecting…');
    expect(pill('phone')).toBe('Phone: Not known until the service answers');
    expect(pill('sync')).toBe('Central system: Not known until the service answers');
    expect(screen.queryByText(/Online|Ready|Training/)).toBeNull();
  });

  it('signed in and reached: the phone rings and the central system is online, with its details', async () => {
    await renderWith(<StatusBar />);
    act(() =>
      useAppStore.setState({
        connection: 'open',
        sync: { ...online, pending: 2 },
        mode: 'twilio',
        registered: true,
      }),
    );
    expect(pill('phone')).toBe('Phone: Ready for calls');
    expect(pill('sync')).toMatch(/^Central system: Online · 2 waiting to send · Data /);
  });

  it('in Spanish: the same three links, named the same way', async () => {
    await renderWith(<StatusBar />, { locale: 'es' });
    act(() => useAppStore.setState({ connection: 'closed', sync: online }));
    expect(pill('connection')).toBe('Servicio de Tapline: No responde: reconectando…');
    expect(pill('sync')).toBe('Sistema central: Se desconoce hasta que el servicio responda');
  });
});
