// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { formatMoney } from '../../../shared/i18n/format';
import { computeBill, getUtilityProfile } from '../../../shared/rates';
import { philadelphiaAccount } from '../support/account';
import { renderWith, tidy } from '../support/render';
import { panelRequest, pinToday, unpinToday } from './panel-support';

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) =>
  fireEvent.change(field(label), { target: { value } });

/**
 * Philadelphia's rates (5/8" meter, monthly): the account's last bill is 0.5 Mcf over a month,
 * which the Water Department publishes as its typical residential bill, $69.15.
 */
describe('the bill calculator', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('prices the use the caller asks about beside the last bill, line by line', async () => {
    await renderWith(<Panels request={panelRequest('bill-calculator', { days: 30 })} />, {
      view: philadelphiaAccount(),
    });
    expect(field('Use (Mcf)').value).toBe('0.5');
    expect(screen.getByText('At 0.5 Mcf the bill would be $69.15.')).toBeTruthy();
    expect(
      screen.getByText('That is $0.00 more than the last bill ($69.15 for 0.5 Mcf).'),
    ).toBeTruthy();
    type('Use (Mcf)', '1');
    // The same rates the panel reads, at the account's meter and the period typed.
    const at1 = computeBill(getUtilityProfile('philadelphia-water-pa')!, {
      meterSize: '5/8',
      usage: '1',
      days: 30,
    }).totalCents;
    expect(at1).toBeGreaterThan(6_915);
    expect(screen.getByText(`At 1 Mcf the bill would be ${formatMoney(at1, 'en')}.`)).toBeTruthy();
    expect(
      screen.getByText(
        `That is ${formatMoney(at1 - 6_915, 'en')} more than the last bill ($69.15 for 0.5 Mcf).`,
      ),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Lines of that bill' });
    expect(table.querySelectorAll('tbody tr').length).toBeGreaterThan(1);
  });

  it('says what is wrong with a use or a period it cannot price, and prices nothing', async () => {
    await renderWith(<Panels request={panelRequest('bill-calculator')} />, {
      view: philadelphiaAccount(),
    });
    type('Use (Mcf)', 'lots');
    expect(screen.getByText('Enter a number from 0 to 1,000,000.')).toBeTruthy();
    expect(field('Use (Mcf)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/the bill would be/)).toBeNull();
    expect(screen.queryByRole('heading', { name: 'That bill, explained' })).toBeNull();
    type('Use (Mcf)', '0.5');
    type('Days in the period', '0');
    expect(screen.getByText('Enter a whole number from 1 to 400.')).toBeTruthy();
    expect(screen.queryByText(/the bill would be/)).toBeNull();
  });

  it('works in Spanish, and explains the bill in the language the caller needs', async () => {
    await renderWith(<Panels request={panelRequest('bill-calculator', { days: 30 })} />, {
      view: philadelphiaAccount(),
      locale: 'es',
    });
    expect(screen.getByText('Con 0.5 Mcf la factura sería de $69.15.')).toBeTruthy();
    const explained = screen.getByRole('heading', { name: 'Esa factura, explicada' });
    const list = explained.nextElementSibling as HTMLElement;
    expect(list.getAttribute('lang')).toBe('en');
    fireEvent.click(screen.getAllByRole('button', { name: 'Español' })[0]);
    expect(list.getAttribute('lang')).toBe('es');
    expect(list.textContent).toMatch(/Su factura/);
    type('Consumo (Mcf)', '-1');
    expect(screen.getByText('Escriba un número de 0 a 1,000,000.')).toBeTruthy();
    expect(screen.queryByText(/la factura sería/)).toBeNull();
  });
});
