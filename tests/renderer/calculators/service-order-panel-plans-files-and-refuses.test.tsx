// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import {
  apply,
  button,
  change,
  maineAccount,
  panelRequest,
  pinToday,
  queueing,
  refuse,
  unpinToday,
} from './panel-support';

/**
 * Portland Water District's field service settings: routine work 8 a.m. to noon from the next
 * business day, Maine's holidays; a main break gets a crew within 60 minutes. Today is Tuesday,
 * June 9, 2026, 11 a.m. in Maine.
 */
describe('the service order panel', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('offers the next business day’s window, files the order, and shows it booked', async () => {
    answers['account.command'] = queueing(31);
    await renderWith(<Panels request={panelRequest('service-order', { type: 'meter-test' })} />, {
      view: maineAccount(),
    });
    expect(screen.getByText('June 10, 2026, 8:00 AM – 12:00 PM')).toBeTruthy();
    expect(screen.getByText('Priority: Routine.')).toBeTruthy();
    change('Notes for the crew', 'Meter spins with every tap off.');
    fireEvent.click(button('File the order'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'requestServiceOrder',
          accountNumber: 'ME-1000003',
          orderType: 'meter-test',
          notes: 'Meter spins with every tap off.',
        },
      },
    ]);
    apply(31, {
      serviceOrderId: 'so-9',
      priority: 'routine',
      windowStart: '2026-06-10T12:00:00.000Z',
      windowEnd: '2026-06-10T16:00:00.000Z',
      escalateTo: [],
    });
    await screen.findByText('Booked: Jun 10, 2026, 8:00 AM – 12:00 PM, Routine.');
  });

  it('moves a weekend to the next business day, and refuses a day before today', async () => {
    await renderWith(<Panels request={panelRequest('service-order')} />, { view: maineAccount() });
    change('Day the customer asks for', '2026-06-13');
    expect(
      screen.getByText('June 13, 2026 is a weekend: moved to the next business day.'),
    ).toBeTruthy();
    expect(screen.getByText('June 15, 2026, 8:00 AM – 12:00 PM')).toBeTruthy();
    change('Day the customer asks for', '2026-06-08');
    expect(screen.getByText('The date cannot be before today.')).toBeTruthy();
    expect(button('File the order').disabled).toBe(true);
  });

  it('dispatches a main break at once to whom the profile names, and shows a refusal', async () => {
    answers['account.command'] = queueing(32);
    await renderWith(
      <Panels request={panelRequest('service-order', { type: 'emergency-main-break' })} />,
      { view: maineAccount() },
    );
    expect(screen.getByText(/^A crew within 60 minutes, by /)).toBeTruthy();
    expect(
      screen.getByText('Told at once: distribution dispatch, the on-call supervisor.'),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Day the customer asks for')).toBeNull();
    fireEvent.click(button('Dispatch the emergency'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    refuse(32, 'cis:rejected.orderOpen');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The central system refused it: An order of this kind is already open on the account.',
    );
  });

  it('in Spanish: a turn-on where service is on is refused before it is filed', async () => {
    await renderWith(<Panels request={panelRequest('service-order', { type: 'turn-on' })} />, {
      view: maineAccount(),
      locale: 'es',
    });
    expect(screen.getByText('El servicio ya está conectado.')).toBeTruthy();
    expect(button('Registrar la orden').disabled).toBe(true);
    expect(screen.getByText('Prioridad: Normal.')).toBeTruthy();
    change('Tipo de orden', 'turn-off');
    expect(screen.queryByText('El servicio ya está conectado.')).toBeNull();
    expect(button('Registrar la orden').disabled).toBe(false);
  });
});
