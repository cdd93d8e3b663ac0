// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { useAppStore } from '../../../renderer/store';
import type { CardCaptureView } from '../../../shared/ipc/channels/card-capture';
import type { Call } from '../../../shared/telephony';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import { button, panelRequest } from './panel-support';

const base: CardCaptureView = {
  id: 'cap-00000001',
  paymentSid: 'PKtraining01',
  accountNumber: 'PA-1000007',
  amountCents: 40_000,
  capturing: null,
  required: ['payment-card-number', 'expiration-date', 'security-code', 'postal-code'],
  maskedCard: null,
  error: null,
  status: 'capturing',
  result: null,
  confirmation: null,
  receiptNumber: null,
  postError: null,
};

const onCall = () =>
  act(() =>
    useAppStore.setState({
      desk: {
        ...useAppStore.getState().desk,
        active: { id: 'sim-7', state: 'connected' } as Call,
      },
    }),
  );

describe('the card capture strip of the payment panel', () => {
  afterEach(tidy);

  it('is refused with no call in progress', async () => {
    await renderWith(<Panels request={panelRequest('payment', { tender: 'card' })} />, {
      view: philadelphiaAccount(),
    });
    expect(screen.getByText(/needs a call in progress/)).toBeTruthy();
    expect(button('Start card capture').disabled).toBe(true);
  });

  it('starts on the call, asks for each item, shows the error and the masked number, and the approval', async () => {
    await renderWith(<Panels request={panelRequest('payment', { tender: 'card' })} />, {
      view: philadelphiaAccount(),
    });
    onCall();
    answers['cardCapture.start'] = () => base;
    fireEvent.click(button('Start card capture'));
    await screen.findByRole('region', { name: 'Card capture' });
    expect(callsTo('cardCapture.start')).toEqual([
      { callId: 'sim-7', accountNumber: 'PA-1000007', amountCents: 40_000 },
    ]);
    answers['cardCapture.step'] = () => ({
      ...base,
      capturing: 'payment-card-number',
      error: 'invalid-card-number',
    });
    fireEvent.click(button('Ask for card number'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/card number is not valid/);
    expect(button('Complete payment').disabled).toBe(true);
    answers['cardCapture.step'] = () => ({
      ...base,
      required: [],
      maskedCard: 'xxxx-xxxx-xxxx-1111',
    });
    fireEvent.click(button('Ask for ZIP code'));
    await screen.findByText('xxxx-xxxx-xxxx-1111');
    answers['cardCapture.step'] = () => ({
      ...base,
      required: [],
      maskedCard: 'xxxx-xxxx-xxxx-1111',
      status: 'approved',
      result: 'success',
      confirmation: 'ch_training_abc123',
    });
    fireEvent.click(button('Complete payment'));
    await screen.findByText('Approved. Confirmation ch_training_abc123.');
    expect(callsTo('cardCapture.step').at(-1)).toEqual({ id: base.id, status: 'complete' });
    // The panel has no field a card digit could be typed into.
    expect(screen.queryByLabelText(/card number/i)).toBeNull();
  });

  it('speaks Spanish', async () => {
    await renderWith(<Panels request={panelRequest('payment', { tender: 'card' })} />, {
      view: philadelphiaAccount(),
      locale: 'es',
    });
    onCall();
    answers['cardCapture.start'] = () => ({ ...base, error: 'invalid-date' });
    fireEvent.click(button('Iniciar captura de tarjeta'));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /fecha de vencimiento no es válida/,
    );
    expect(button('Pedir el número de tarjeta')).toBeTruthy();
  });
});
