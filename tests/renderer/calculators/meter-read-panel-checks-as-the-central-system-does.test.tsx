// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { meterRead } from '../../../shared/cis';
import { Temporal } from '../../../shared/dates';
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
  unpinToday,
} from './panel-support';

/**
 * A Portland account whose meter was read every 30 days, one unit a day, last on June 1, 2026 at
 * 5000. Today is June 9: eight units expected, 4 to 12 in the window (Portland's usage thresholds,
 * 0.5 and 1.5, the defaults of its rate profile).
 */
function meteredAccount() {
  const base = maineAccount();
  const end = Temporal.PlainDate.from('2026-06-01');
  const reads = Array.from({ length: 15 }, (_, i) =>
    meterRead.parse({
      id: `r${i}`,
      meterId: 'M-77',
      date: end.subtract({ days: 30 * (14 - i) }).toString(),
      value: 5000 - 30 * (14 - i),
      kind: 'actual',
    }),
  );
  const meter = {
    id: 'M-77',
    servicePointId: 'SP-77',
    size: '5/8',
    type: 'water' as const,
    multiplier: 1,
    dials: 4,
    installedOn: '2020-01-01',
  };
  return { ...base, detail: { ...base.detail!, meters: [meter], reads } };
}

const enterRead = (value: number, reason: string | null, kind = 'customer') => ({
  command: {
    type: 'enterRead',
    accountNumber: 'ME-1000003',
    meterId: 'M-77',
    date: '2026-06-09',
    value,
    kind,
    source: 'desk',
    reader: null,
    troubleCode: null,
    reason,
  },
});

describe('the meter read panel', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('shows the use and the use expected as the agent types, and posts a read in the window', async () => {
    answers['account.command'] = queueing(41);
    await renderWith(<Panels request={panelRequest('meter-read')} />, { view: meteredAccount() });
    change('Register', '5008');
    expect(screen.getByText(/^Use since the last read: 8/)).toBeTruthy();
    expect(screen.getByText(/^Expected, from the same period last year: 8/)).toBeTruthy();
    fireEvent.click(button('Post the read'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([enterRead(5008, null)]);
    apply(41, { readId: '9', status: 'posted', usage: '8', findings: [] });
    await screen.findByText('Read posted.');
  });

  it('says a high read goes to review without a reason, and posts it with one', async () => {
    answers['account.command'] = queueing(42);
    await renderWith(<Panels request={panelRequest('meter-read')} />, { view: meteredAccount() });
    change('Register', '5013');
    expect(screen.getByText(/^13 .* is above the window's 12 /)).toBeTruthy();
    expect(screen.getByText(/goes to a lead's review/)).toBeTruthy();
    expect(button('Send for review').disabled).toBe(false);
    change('Reason', 'Filled a pool, customer confirmed');
    fireEvent.click(button('Post the read'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      enterRead(5013, 'Filled a pool, customer confirmed'),
    ]);
  });

  it('refuses a read dated after today, or beyond the dials, before anything is sent', async () => {
    await renderWith(<Panels request={panelRequest('meter-read')} />, { view: meteredAccount() });
    change('Register', '10000');
    expect(screen.getByText('Enter a number from 0 to 9,999.')).toBeTruthy();
    expect(button('Post the read').disabled).toBe(true);
    change('Register', '5009');
    change('Read date', '2026-06-10');
    expect(screen.getAllByText('A read cannot be dated after today.').length).toBeGreaterThan(0);
    expect(button('Post the read').disabled).toBe(true);
    expect(callsTo('account.command')).toEqual([]);
  });

  it('reads a register below the last as a likely misread, in Spanish', async () => {
    await renderWith(<Panels request={panelRequest('meter-read')} />, {
      view: meteredAccount(),
      locale: 'es',
    });
    change('Registro', '4990');
    expect(screen.getByText(/así que probablemente es un error de lectura\.$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enviar a revisión' })).toBeTruthy();
  });

  it('posts an estimate for the date, named by its method', async () => {
    answers['account.command'] = queueing(43);
    await renderWith(<Panels request={panelRequest('meter-read')} />, { view: meteredAccount() });
    fireEvent.click(button('Post an estimate for this date'));
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'postEstimatedRead',
          accountNumber: 'ME-1000003',
          meterId: 'M-77',
          date: '2026-06-09',
        },
      },
    ]);
    apply(43, { readId: '10', value: 5008, usage: '8', method: 'same-period-last-year' });
    await screen.findByText(/^Estimate posted: register 5008, 8 .* \(same period last year\)\.$/);
  });
});
