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
  field,
  maineAccount,
  panelRequest,
  pinToday,
  queueing,
  refuse,
  unpinToday,
} from './panel-support';

/**
 * Portland Water District (Maine PUC Ch. 660 §7: a residential deposit only from a customer proven
 * a credit risk; the District's deposit is twice the premise's average monthly bill). Today is
 * Tuesday, June 9, 2026: the turn-on, turn-off or final read is booked for Wednesday.
 */
describe('start, stop, transfer and change of holder', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('starts service at a vacant premise: no deposit, until the customer is a credit risk', async () => {
    answers['account.command'] = queueing(41);
    await renderWith(
      <Panels
        request={panelRequest('start-service', {
          name: 'Lucía Fernández',
          phone: '(207) 555-0142',
          language: 'es',
        })}
      />,
      { view: maineAccount({ header: { status: 'inactive' } }) },
    );
    expect(screen.getByText('No deposit is due.')).toBeTruthy();
    expect(
      screen.getByText(
        'No deposit: a residential deposit needs proof that the customer is a credit risk.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('June 10, 2026, 8:00 AM – 12:00 PM')).toBeTruthy();
    fireEvent.click(field('Disconnected for nonpayment in the last 12 months'));
    expect(screen.getByText('Deposit due: $139.06')).toBeTruthy();
    expect(
      screen.getByText('Deposit: 2 × the average monthly bill of $69.53 = $139.06.'),
    ).toBeTruthy();
    fireEvent.click(button('Start service'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'startService',
          accountNumber: 'ME-1000003',
          holder: { name: 'Lucía Fernández', preferredLanguage: 'es', phone: '2075550142' },
          class: 'residential',
          startOn: '2026-06-10',
          deposit: { disconnectedLast12Months: true },
        },
      },
    ]);
    apply(41, {
      newAccountNumber: 'ME-0900001',
      deposit: { waived: false, amountCents: 13_906, rules: [] },
      turnOn: {
        serviceOrderId: 'so-41',
        windowStart: '2026-06-10T12:00:00.000Z',
        windowEnd: '2026-06-10T16:00:00.000Z',
        priority: 'routine',
        escalateTo: [],
      },
    });
    await screen.findByText('New account ME-0900001.');
    expect(screen.getByText('Turn-on: Jun 10, 2026, 8:00 AM – 12:00 PM.')).toBeTruthy();
    expect(button('Open it')).toBeTruthy();
  });

  it('in Spanish: refuses to start service where it is on, and to stop it where it is not', async () => {
    await renderWith(<Panels request={panelRequest('start-service')} />, {
      view: maineAccount(),
      locale: 'es',
    });
    expect(
      screen.getByText('Este inmueble tiene servicio: use un traslado o un cambio de titular.'),
    ).toBeTruthy();
    expect(button('Dar de alta el servicio').disabled).toBe(true);
    tidy();
    await renderWith(<Panels request={panelRequest('stop-service')} />, {
      view: maineAccount({ header: { status: 'inactive' } }),
      locale: 'es',
    });
    expect(
      screen.getByText('El estado de la cuenta es Inactiva: esto requiere una cuenta activa.'),
    ).toBeTruthy();
    expect(button('Dar de baja el servicio').disabled).toBe(true);
  });

  it('in Spanish: changes the holder only with a phone it can dial, and shows the central system’s refusal', async () => {
    answers['account.command'] = queueing(42);
    await renderWith(
      <Panels request={panelRequest('change-holder', { name: 'Tomás Ibarra', phone: '555' })} />,
      { view: maineAccount(), locale: 'es' },
    );
    expect(screen.getByText('Escriba un teléfono de 10 dígitos.')).toBeTruthy();
    expect(screen.getByText('Complete el formulario para continuar.')).toBeTruthy();
    expect(button('Cambiar el titular').disabled).toBe(true);
    change('Teléfono', '207-555-0199');
    expect(screen.getByText('10 de junio de 2026, 8:00 a.m. – 12:00 p.m.')).toBeTruthy();
    fireEvent.click(button('Cambiar el titular'));
    await screen.findByText('Enviado al sistema central; esperando su respuesta…');
    expect(callsTo('account.command')[0]).toMatchObject({
      command: {
        type: 'changeAccountHolder',
        newHolderName: 'Tomás Ibarra',
        phone: '2075550199',
        effectiveOn: '2026-06-10',
        finalRead: true,
      },
    });
    refuse(42, 'cis:rejected.accountNotActive', { status: 'pending-stop' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'El sistema central lo rechazó: La cuenta no está activa (está en estado En baja).',
    );
  });

  it('moves a customer only to a premise this workstation knows, and whose service is off', async () => {
    await renderWith(
      <Panels request={panelRequest('transfer-service', { destination: 'ME-1000099' })} />,
      { view: maineAccount() },
    );
    expect(screen.getByText('No account with this number on this workstation.')).toBeTruthy();
    expect(button('Transfer service').disabled).toBe(true);
    tidy();
    const destination = maineAccount({
      header: { number: 'ME-1000042', serviceAddress: '9 Oak St, Portland' },
    });
    answers['account.search'] = () => ({
      results: [{ header: destination.header, match: 'number', score: 1 }],
    });
    answers['account.refresh'] = () => destination;
    await renderWith(
      <Panels request={panelRequest('transfer-service', { destination: 'ME-1000042' })} />,
      { view: maineAccount() },
    );
    await screen.findByText('9 Oak St, Portland (Active)');
    expect(
      screen.getByText('Service is on at this premise: use a transfer or a change of holder.'),
    ).toBeTruthy();
    expect(button('Transfer service').disabled).toBe(true);
  });
});
