// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import CounterScreen from '../../../../renderer/features/counter/CounterScreen';
import type { CounterDrawer } from '../../../../shared/ipc';
import { answers, calls, callsTo } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

const drawer = (o: Partial<CounterDrawer> = {}): CounterDrawer => ({
  drawerId: 'SM-20261117-01',
  utilityId: 'santa-margarita-ca',
  businessDay: '2026-11-17',
  cashier: 'u-agent',
  status: 'open',
  floatCents: 15_000,
  openedAt: '2026-11-17T16:00:00.000Z',
  closedAt: null,
  // float $150.00 + $20.00 cash; a $50.00 check; a $12.34 money order; no card
  expected: { cash: 17_000, check: 5_000, 'money-order': 1_234, card: 0 },
  payments: 3,
  entries: [
    {
      receiptNumber: 'SM-00000001',
      accountNumber: 'SM-100001',
      tender: 'cash',
      amountCents: 2_000,
      detail: {},
      voided: false,
    },
    {
      receiptNumber: 'SM-00000002',
      accountNumber: 'SM-100002',
      tender: 'check',
      amountCents: 5_000,
      detail: { checkNumber: '1042', bank: 'Wells Fargo' },
      voided: false,
    },
    {
      receiptNumber: 'SM-00000003',
      accountNumber: 'SM-100003',
      tender: 'money-order',
      amountCents: 1_234,
      detail: { serialNumber: '77001234', issuer: 'USPS' },
      voided: false,
    },
  ],
  balance: null,
  reason: null,
  signedOffBy: null,
  ...o,
});

function serve(own: CounterDrawer[], open: CounterDrawer[] = own) {
  answers['counter.drawers'] = (r) => ({
    drawers: (r as { status?: string }).status === 'open' ? open : own,
    counterUtilities: ['santa-margarita-ca', 'marin-water-ca'],
  });
}

const field = (name: RegExp | string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: RegExp | string, value: string) =>
  fireEvent.change(field(name), { target: { value } });
const commands = () => callsTo('counter.command').map((c) => (c as { command: unknown }).command);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the Counter screen', () => {
  afterEach(() => tidy());

  it('opens the cashier’s drawer with its float in cents, and refuses a float that is not money', async () => {
    serve([]);
    answers['counter.command'] = () => ({ result: { drawerId: 'SM-20261117-01' } });
    await renderWith(<CounterScreen />);
    await screen.findByRole('heading', { name: 'Open your drawer' });
    type(/Float in cash/, '12.345');
    fireEvent.click(screen.getByRole('button', { name: 'Open the drawer' }));
    expect(await screen.findByText(/float from \$0\.00 to \$10,000\.00/)).toBeTruthy();
    type(/Float in cash/, '10000.01');
    fireEvent.click(screen.getByRole('button', { name: 'Open the drawer' }));
    await settle();
    expect(commands()).toEqual([]);

    type(/Float in cash/, '150.10');
    fireEvent.change(field('Utility'), { target: { value: 'marin-water-ca' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the drawer' }));
    await screen.findByText('Drawer SM-20261117-01 is open.');
    expect(commands()).toEqual([
      { type: 'openDrawer', utilityId: 'marin-water-ca', floatCents: 15_010 },
    ]);
  });

  it('takes a check into the drawer and reads the receipt to the customer formally in Spanish', async () => {
    serve([drawer()]);
    answers['counter.command'] = () => ({ result: { receiptNumber: 'SM-00000004' } });
    await renderWith(<CounterScreen />, { locale: 'es' });
    await screen.findByRole('heading', { name: 'Recibir un pago en la caja SM-20261117-01' });
    type('Número de cuenta', 'sm-100004');
    fireEvent.change(field('Forma de pago'), { target: { value: 'check' } });
    type('Número de cheque', '1043');
    type('Banco', 'Chase');
    type('Importe (dólares)', '0.01');
    fireEvent.click(screen.getByRole('button', { name: 'Recibir el pago' }));
    await screen.findByText('Hemos recibido su pago. Su número de recibo es SM-00000004.');
    expect(commands()).toEqual([
      {
        type: 'postPayment',
        accountNumber: 'SM-100004',
        amountCents: 1,
        channel: 'counter',
        drawerId: 'SM-20261117-01',
        tender: { kind: 'check', checkNumber: '1043', bank: 'Chase' },
      },
    ]);
    // Running totals through Intl, in Spanish.
    const totals = screen.getByRole('table', { name: /Lo que la caja debe tener/ });
    expect(within(totals).getByText('$170.00')).toBeTruthy();
  });

  it('refuses a check without its number before sending anything', async () => {
    serve([drawer()]);
    await renderWith(<CounterScreen />);
    await screen.findByRole('heading', { name: /Take a payment/ });
    type('Account number', 'SM-100004');
    fireEvent.change(field('Tender'), { target: { value: 'check' } });
    type('Bank', 'Chase');
    type('Amount (dollars)', '25');
    fireEvent.click(screen.getByRole('button', { name: 'Take the payment' }));
    expect(await screen.findByText(/check number \(digits\) and the bank/)).toBeTruthy();
    expect(commands()).toEqual([]);
  });

  it('counts cash by denomination, lists the checks, and closes a balanced drawer with no reason', async () => {
    serve([drawer()]);
    answers['counter.command'] = () => ({ result: { drawerId: 'SM-20261117-01' } });
    await renderWith(<CounterScreen />);
    await screen.findByRole('heading', { name: 'Count and close' });
    // $170.00 = 1 × $100 + 3 × $20 + 2 × $5
    type('$100.00 pieces', '1');
    type('$20.00 pieces', '3');
    type('$5.00 pieces', '2');
    expect(screen.getByText('The drawer balances.')).toBeTruthy();
    expect(screen.queryByLabelText('Why the count differs')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close the drawer' }));
    await screen.findByText('Drawer SM-20261117-01 is closed.');
    expect(commands()).toEqual([
      {
        type: 'closeDrawer',
        drawerId: 'SM-20261117-01',
        count: {
          cash: [
            { denominationCents: 10_000, count: 1 },
            { denominationCents: 2_000, count: 3 },
            { denominationCents: 500, count: 2 },
          ],
          checks: [{ checkNumber: '1042', bank: 'Wells Fargo', amountCents: 5_000 }],
          moneyOrders: [{ serialNumber: '77001234', issuer: 'USPS', amountCents: 1_234 }],
        },
      },
    ]);
  });

  it('shows a drawer five cents short, asks why, and says the server’s refusal in Spanish', async () => {
    serve([drawer()]);
    await renderWith(<CounterScreen />, { locale: 'es' });
    await screen.findByRole('heading', { name: 'Arqueo y cierre' });
    type('Piezas de $100.00', '1');
    type('Piezas de $20.00', '3');
    type('Piezas de $1.00', '9');
    type('Piezas de $0.05', '19');
    expect(screen.getByText('La caja tiene un faltante de $0.05.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cerrar la caja' }));
    expect(await screen.findByText(/motivo de al menos 3 caracteres/)).toBeTruthy();
    expect(commands()).toEqual([]);

    // The CIS refuses: above the threshold only a lead may close it (its reason key, as the
    // main side passes a 409 on).
    const tap = window.tapline;
    if (!tap) throw new Error('the fake bridge is not installed');
    const invoke = tap.invoke;
    tap.invoke = (async (channel: string, request: unknown) => {
      if (channel !== 'counter.command') return invoke(channel as never, request as never);
      calls.push({ channel, request });
      return {
        ok: false,
        error: {
          code: 'rejected',
          messageKey: 'cis:rejected.overShortNeedsLead',
          details: { drawerId: 'SM-20261117-01' },
        },
      };
    }) as typeof invoke;
    try {
      type('Por qué difiere el arqueo', 'Cambio mal dado');
      fireEvent.click(screen.getByRole('button', { name: 'Cerrar la caja' }));
      expect(await screen.findByText(/un supervisor debe aprobarlo/)).toBeTruthy();
    } finally {
      tap.invoke = invoke;
    }
    const sent = commands()[0] as { reason?: string; count: { cash: unknown[] } };
    expect(sent.reason).toBe('Cambio mal dado');
    expect(sent.count.cash).toContainEqual({ denominationCents: 5, count: 19 });
  });

  it('lets a lead see every open drawer, void a payment and reopen a drawer, each with a reason', async () => {
    const other = drawer({ drawerId: 'SM-20261117-02', cashier: 'u-casey' });
    serve([], [other]);
    answers['counter.command'] = () => ({ result: {} });
    await renderWith(<CounterScreen />, { role: 'lead' });
    const list = await screen.findByRole('table', { name: 'Open drawers' });
    expect(await within(list).findByText('SM-20261117-02')).toBeTruthy();
    expect(within(list).getByText('$232.34')).toBeTruthy();

    const voidForm = screen.getByRole('form', { name: 'Void a payment' });
    fireEvent.change(within(voidForm).getByLabelText('Account number'), {
      target: { value: 'SM-100002' },
    });
    fireEvent.change(within(voidForm).getByLabelText('Receipt number'), {
      target: { value: 'sm-00000002' },
    });
    fireEvent.click(within(voidForm).getByRole('button', { name: 'Void the payment' }));
    expect(await screen.findByText(/reason of at least 3/)).toBeTruthy();
    fireEvent.change(within(voidForm).getByLabelText('Why it is voided'), {
      target: { value: 'Wrong account' },
    });
    fireEvent.click(within(voidForm).getByRole('button', { name: 'Void the payment' }));
    await screen.findByText('Payment SM-00000002 is voided.');

    const reopenForm = screen.getByRole('form', { name: 'Reopen a drawer' });
    fireEvent.change(within(reopenForm).getByLabelText('Drawer'), {
      target: { value: 'SM-20261117-02' },
    });
    fireEvent.change(within(reopenForm).getByLabelText('Why it is reopened'), {
      target: { value: 'Check found under the tray' },
    });
    fireEvent.click(within(reopenForm).getByRole('button', { name: 'Reopen the drawer' }));
    await screen.findByText('Drawer SM-20261117-02 is open again.');
    expect(commands()).toEqual([
      {
        type: 'voidPayment',
        accountNumber: 'SM-100002',
        receiptNumber: 'SM-00000002',
        reason: 'Wrong account',
      },
      { type: 'reopenDrawer', drawerId: 'SM-20261117-02', reason: 'Check found under the tray' },
    ]);
  });

  it('has no axe violations for a cashier with a drawer and a lead’s tools, in Spanish', async () => {
    serve(
      [drawer({ cashier: 'u-lead' })],
      [drawer({ drawerId: 'SM-20261117-02', cashier: 'u-casey' })],
    );
    const { container } = await renderWith(<CounterScreen />, { role: 'lead', locale: 'es' });
    const list = await screen.findByRole('table', { name: 'Cajas abiertas' });
    await within(list).findByText('SM-20261117-02');
    await screen.findByRole('heading', { name: 'Arqueo y cierre' });
    // Colour contrast needs a layout engine: the Chromium e2e is where it is checked.
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
});
