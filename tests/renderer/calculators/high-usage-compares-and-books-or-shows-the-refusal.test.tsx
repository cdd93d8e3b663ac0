// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { useAppStore } from '../../../renderer/store';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import {
  apply,
  button,
  panelRequest,
  pinToday,
  queueing,
  refuse,
  unpinToday,
} from './panel-support';

const cells = (name: string) =>
  [
    ...within(screen.getByRole('table'))
      .getByRole('row', { name: new RegExp(`^${name}`) })
      .querySelectorAll('th, td'),
  ].map((c) => c.textContent);

/**
 * Eleven months at 0.5 Mcf, then 1.5: three times the normal daily use, above Philadelphia's
 * high-use threshold of 1.5 times the 12-month average.
 */
describe('the high-usage investigation', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('compares the period with the average, flags it, and books a reread in one click', async () => {
    answers['account.command'] = queueing(12);
    await renderWith(<Panels request={panelRequest('high-usage')} />, {
      view: philadelphiaAccount({ latestUsage: '1.5' }),
    });
    expect(cells('This period')).toEqual(['This period', '1.5', '—']);
    expect(cells('Same period last year')).toEqual(['Same period last year', '—', '—']);
    // 0.5 Mcf a month, for as many days as this period: 1.5 is 3.03 times that.
    expect(cells('12-month average')).toEqual([
      '12-month average, for as many days (11 periods)',
      '0.495',
      '3.03 ×',
    ]);
    expect(screen.getByText('High').parentElement?.textContent).toBe(
      'High: daily use above 1.5 times the 12-month average.',
    );
    expect(screen.getByRole('heading', { name: '0 estimated reads' })).toBeTruthy();
    fireEvent.click(button('Request a meter reread'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'requestServiceOrder',
          accountNumber: 'PA-1000007',
          orderType: 'reread',
          notes: expect.stringMatching(/^High-usage investigation: 1\.5 Mcf from /),
        },
      },
    ]);
    expect(button('Request a meter reread').disabled).toBe(true);
    apply(12, {
      serviceOrderId: 'so-1',
      priority: 'routine',
      windowStart: '2026-06-10T12:00:00.000Z',
      windowEnd: '2026-06-10T16:00:00.000Z',
      escalateTo: [],
    });
    await screen.findByText('Reread booked: Jun 10, 2026, 8:00 AM – 12:00 PM.');
  });

  it('shows the central system’s refusal with its reason', async () => {
    answers['account.command'] = queueing(13);
    await renderWith(<Panels request={panelRequest('high-usage')} />, {
      view: philadelphiaAccount({ latestUsage: '1.5' }),
    });
    fireEvent.click(button('Request a meter test'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    refuse(13, 'cis:rejected.orderOpen');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The central system refused it: An order of this kind is already open on the account.',
    );
  });

  it('in Spanish: an order already open is not asked twice, and a command that cannot be queued says why', async () => {
    const view = philadelphiaAccount({ latestUsage: '1.5' });
    view.detail!.serviceOrders = [
      {
        id: 'so-0',
        type: 'reread',
        priority: 'routine',
        status: 'scheduled',
        windowStart: '2026-06-10T12:00:00.000Z',
        windowEnd: '2026-06-10T16:00:00.000Z',
        notes: '',
        createdAt: '2026-06-08T14:00:00.000Z',
        escalateTo: [],
        respondBy: null,
      },
    ];
    await renderWith(<Panels request={panelRequest('high-usage')} />, { view, locale: 'es' });
    expect(cells('Este período')[1]).toBe('1.5');
    expect(screen.getByText('Alto').parentElement?.textContent).toBe(
      'Alto: consumo diario superior a 1.5 veces el promedio de 12 meses.',
    );
    expect(button('Pedir una nueva lectura').disabled).toBe(true);
    expect(screen.getByText(/^Nueva lectura ya abierta \(/)).toBeTruthy();
    // No answer from the desktop: the command is not even queued.
    fireEvent.click(button('Pedir una prueba del medidor'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'No se puede conectar con el sistema central. La acción está guardada y se enviará cuando vuelva.',
    );
    expect(useAppStore.getState().outbox).toEqual([]);
  });
});
