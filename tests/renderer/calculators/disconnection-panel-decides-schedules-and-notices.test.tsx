// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import type { AccountDetail } from '../../../shared/cis';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import {
  button,
  maineAccount,
  panelRequest,
  pinToday,
  queueing,
  refuse,
  unpinToday,
} from './panel-support';

const decision = () => screen.getAllByRole('status')[0].textContent;

/** Served 20 days before the pinned Tuesday, June 9, 2026: past Maine's 14-day period. */
const served: AccountDetail['notices'][number] = {
  id: 'n1',
  kind: 'disconnection',
  issuedOn: '2026-05-20',
  amountCents: 40_000,
  earliestDisconnection: '2026-06-03',
  status: 'open',
};

/** Maine PUC Ch. 660 on a Portland Water District account $400.00 past due for 45 days. */
describe('disconnection and notices', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('allows the field turn-off when every rule passes, and shows the central system’s second refusal', async () => {
    answers['account.command'] = queueing(21);
    await renderWith(<Panels request={panelRequest('disconnection')} />, {
      view: maineAccount({ notices: [served], header: { openNotices: 1 } }),
    });
    expect(screen.getByText('Past due $400.00 for 45 days; 1 open notice.')).toBeTruthy();
    expect(decision()).toBe('Yes: every rule allows a disconnection today.');
    // The decision is what the agent reads first: the panel opens on its heading, above it.
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: 'Disconnection eligibility' }),
    );
    expect(
      screen.getByText('Notice served May 20, 2026; the 14-day notice period ended June 3, 2026.'),
    ).toBeTruthy();
    expect(screen.getByText('June 9, 2026 is a day a disconnection may happen.')).toBeTruthy();
    fireEvent.click(button('Schedule the field disconnection'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'requestServiceOrder',
          accountNumber: 'ME-1000003',
          orderType: 'field-disconnect',
          notes: 'Field disconnection for a past-due balance of $400.00.',
        },
      },
    ]);
    expect(button('Schedule the field disconnection').disabled).toBe(true);
    refuse(21, 'cis:rejected.disconnectionNotAllowed');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The central system refused it: A disconnection is not allowed now.',
    );
  });

  it('refuses the turn-off before a notice is served, with the earliest date, and issues the notice', async () => {
    answers['account.command'] = queueing(22);
    await renderWith(<Panels request={panelRequest('disconnection')} />, {
      view: maineAccount(),
    });
    expect(screen.getByText('Past due $400.00 for 45 days; 0 open notices.')).toBeTruthy();
    expect(decision()).toBe('Not now: the earliest date is June 23, 2026.');
    expect(button('Schedule the field disconnection').disabled).toBe(true);
    expect(screen.getByText('Only when every rule allows it.')).toBeTruthy();
    expect(
      screen.getByText(
        'Unless it is paid or a payment arrangement is made, service may be disconnected on or after June 23, 2026.',
      ),
    ).toBeTruthy();
    fireEvent.click(button('Issue the notice'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: expect.objectContaining({
          type: 'issueNotice',
          accountNumber: 'ME-1000003',
          kind: 'disconnection',
        }),
      },
    ]);
  });

  it('in Spanish: a certified medical emergency protects the customer, and the rights are in their language', async () => {
    await renderWith(<Panels request={panelRequest('notice')} />, {
      view: maineAccount({
        notices: [served],
        medicalCertifiedOn: '2026-06-08',
        language: 'es',
      }),
      locale: 'es',
    });
    expect(screen.getByRole('heading', { name: 'Avisos', level: 3 })).toBeTruthy();
    expect(
      screen.getByText('Saldo vencido de $400.00 desde hace 45 días; 1 aviso abierto.'),
    ).toBeTruthy();
    // The notices panel opens on the notice's first field.
    expect(document.activeElement).toBe(screen.getByLabelText('Tipo de aviso'));
    expect(decision()).toBe('No: las reglas de abajo no lo permiten.');
    // The District's own setting is marked in the agent's language, before the source it rests
    // on, which names the District (once); a source keeps its English title, marked as English.
    const day = screen.getByText('El 9 de junio de 2026 es un día en que puede hacerse un corte.');
    expect(day.nextElementSibling?.textContent).toBe(
      'parámetro de la empresa Portland Water District setting (not a published rule)',
    );
    expect(day.nextElementSibling?.querySelector('.badge')?.textContent).toBe(
      'parámetro de la empresa',
    );
    expect(day.nextElementSibling?.lastElementChild?.getAttribute('lang')).toBe('en');
    const medical = screen.getByText(
      'Hay una emergencia médica certificada: no hay corte mientras dure.',
    );
    expect(medical.nextElementSibling?.firstElementChild?.getAttribute('lang')).toBe('en');
    expect(medical.nextElementSibling?.textContent).toMatch(
      /^Maine PUC rules, 65-407 C\.M\.R\. Chapter 815/,
    );
    expect(
      screen.getByText('Hay una emergencia médica certificada: no hay corte mientras dure.'),
    ).toBeTruthy();
    expect(button('Programar el corte en campo').disabled).toBe(true);
    expect(
      screen.getByRole('heading', { name: 'Los derechos del cliente (español)' }),
    ).toBeTruthy();
    expect(
      screen.getAllByText(/^Según las reglas de la Comisión de Servicios Públicos de Maine/).length,
    ).toBeGreaterThan(0);
    fireEvent.click(screen.getAllByRole('button', { name: 'Inglés' })[0]);
    expect(screen.getByRole('heading', { name: 'Los derechos del cliente (inglés)' })).toBeTruthy();
  });

  it('issues no notice for an account with nothing past due', async () => {
    await renderWith(<Panels request={panelRequest('notice')} />, {
      view: maineAccount({ pastDueCents: 0, pastDueDays: 0 }),
      locale: 'es',
    });
    expect(button('Emitir el aviso').disabled).toBe(true);
  });
});
