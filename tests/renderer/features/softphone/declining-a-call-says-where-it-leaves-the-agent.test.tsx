// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../../renderer/app/shortcuts';
import { SoftphoneBar } from '../../../../renderer/features/softphone/SoftphoneBar';
import { useAppStore } from '../../../../renderer/store';
import { renderWith, tidy } from '../../support/render';
import { CarrierPhone, press, startOn } from './fake-phone';

const store = () => useAppStore.getState();
const notice = () => screen.getByTestId('softphone-notice').textContent;

describe('declining a call', () => {
  let offKeys: () => void;
  beforeAll(() => {
    offKeys = installShortcutListener();
  });
  afterEach(async () => {
    await act(() => store().stopSoftphone());
    tidy();
  });
  afterAll(() => offKeys());

  it('says the call went back to the queue and that the agent is still Available', async () => {
    const phone = new CarrierPhone();
    await renderWith(<SoftphoneBar />);
    await startOn(phone);
    phone.ring('CA1');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Decline' })));
    expect(phone.asked).toEqual(['reject CA1']);
    expect(store().desk.state).toBe('available');
    expect(notice()).toContain(
      'You declined the call: it went back to the queue. You are still Available: the next call rings here.',
    );
  });

  it('in Spanish, from Ctrl+Alt+H on the ringing call', async () => {
    const phone = new CarrierPhone();
    await renderWith(<SoftphoneBar />, { locale: 'es' });
    await startOn(phone);
    phone.ring('CA1');
    await act(async () => press('H'));
    expect(notice()).toContain(
      'Rechazó la llamada: volvió a la cola. Sigue Disponible: la próxima llamada sonará aquí.',
    );
  });
});
