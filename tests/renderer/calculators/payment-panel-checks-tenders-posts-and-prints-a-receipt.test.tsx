// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountView } from '../../../renderer/features/account/AccountView';
import Panels from '../../../renderer/features/calculators/Panels';
import { useAppStore } from '../../../renderer/store';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import { apply, button, change, field, panelRequest, queueing } from './panel-support';

const open = (prefill: Record<string, string> = {}) => panelRequest('payment', prefill);

const applied = {
  paymentId: 'p-1',
  receiptNumber: 'PA-00000042',
  paidOn: '2026-06-09',
  allocations: [{ bucket: 'pastDue', itemId: 'bill:b1', billId: 'b1', cents: 10_000 }],
  stoppedDisconnection: true,
  account: {
    balanceCents: 36_915,
    pastDueCents: 30_000,
    pastDueDays: 45,
    creditCents: 0,
    arrangement: 'none',
    disconnectionAllowed: false,
    cashOnlyUntil: null,
  },
};

describe('the payment panel', () => {
  afterEach(tidy);

  it('fills the past due, shows what it will pay before posting, and posts cash through the outbox', async () => {
    answers['account.command'] = queueing(3);
    await renderWith(<Panels request={open()} />, { view: philadelphiaAccount() });
    // The past due of $400.00 is the amount the panel opens with.
    expect(field('Amount').value).toBe('400.00');
    expect(screen.getByRole('table', { name: 'What this payment will pay' })).toBeTruthy();
    fireEvent.click(button('Balance $469.15'));
    expect(field('Amount').value).toBe('469.15');
    fireEvent.click(button('Post payment of $469.15'));
    await screen.findByText(/Sent to the central system/);
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'postPayment',
          accountNumber: 'PA-1000007',
          amountCents: 46_915,
          tender: { kind: 'cash' },
          channel: 'phone',
        },
      },
    ]);
  });

  it('refuses an amount of $0.00 or more than $1,000,000.00 and a check without its number', async () => {
    await renderWith(<Panels request={open({ amount: '0', tender: 'check' })} />, {
      view: philadelphiaAccount(),
    });
    expect(screen.getByText('At least $0.01.')).toBeTruthy();
    change('Amount', '1000000.01');
    expect(screen.getByText('At most $1,000,000.00.')).toBeTruthy();
    change('Amount', '1000000.00');
    change('Bank', 'Wells Fargo');
    expect(button('Post payment of $1,000,000.00').disabled).toBe(true);
    change('Check number', '10a');
    expect(screen.getByText('Digits only.')).toBeTruthy();
    change('Check number', '1042');
    expect(button('Post payment of $1,000,000.00').disabled).toBe(false);
  });

  it('checks a routing number by its ABA check digit and sends only the last four of the account', async () => {
    answers['account.command'] = queueing(4);
    await renderWith(<Panels request={open({ amount: '50', tender: 'ach' })} />, {
      view: philadelphiaAccount(),
    });
    change('Account number', '000123456789');
    // 021000022: nine digits, but 3×(0+0+0)+7×(2+0+2)+(1+0+2) = 31 is not a multiple of 10.
    change('Routing number', '021000022');
    expect(screen.getByText(/its check digit does not match/)).toBeTruthy();
    expect(button('Post payment of $50.00').disabled).toBe(true);
    change('Routing number', '02100002');
    expect(screen.getByText('A routing number has 9 digits.')).toBeTruthy();
    // 021000021: 7×(2+0+2) + (1+0+1) = 30.
    change('Routing number', '021000021');
    change('Account type', 'savings');
    fireEvent.click(button('Post payment of $50.00'));
    await screen.findByText(/Sent to the central system/);
    const sent = callsTo('account.command');
    expect(sent).toEqual([
      {
        command: {
          type: 'postPayment',
          accountNumber: 'PA-1000007',
          amountCents: 5_000,
          tender: {
            kind: 'ach',
            routingNumber: '021000021',
            accountLast4: '6789',
            accountType: 'savings',
          },
          channel: 'phone',
        },
      },
    ]);
    expect(JSON.stringify(sent)).not.toContain('123456789');
    expect((field('Account number') as HTMLInputElement).value).toBe('');
  });

  it('refuses a card offline with a clear message, and offers no post', async () => {
    await renderWith(<Panels request={open({ tender: 'card' })} />, {
      view: philadelphiaAccount(),
    });
    act(() => useAppStore.setState({ sync: { ...useAppStore.getState().sync!, online: false } }));
    expect(screen.getByRole('alert').textContent).toMatch(/A card payment cannot be taken offline/);
    expect(screen.queryByRole('button', { name: /Post payment/ })).toBeNull();
  });

  it('moves the balance and past due at once, and gives the receipt in the customer’s language', async () => {
    answers['account.command'] = queueing(5);
    await renderWith(<AccountView />, { view: philadelphiaAccount({ language: 'es' }) });
    act(() => useAppStore.getState().openPanel('payment', { amount: '100', tender: 'check' }));
    await screen.findByLabelText('Check number');
    change('Check number', '1042');
    change('Bank', 'Wells Fargo');
    fireEvent.click(button('Post payment of $100.00'));
    await screen.findByText(/Sent to the central system/);
    act(() => apply(5, applied));
    expect(useAppStore.getState().view!.header.balanceCents).toBe(36_915);
    expect(useAppStore.getState().view!.header.pastDueCents).toBe(30_000);
    expect(screen.getByTestId('payment-standing').textContent).toBe(
      'The payment stopped the disconnection',
    );
    expect(screen.getByText('Payment posted. Receipt PA-00000042.')).toBeTruthy();
    // The receipt opens in the customer's language, Spanish, and switches to English.
    const receipt = screen.getByRole('region', { name: 'Recibo de pago' });
    expect(receipt.textContent).toContain('cheque 1042, Wells Fargo');
    expect(receipt.textContent).toContain('Saldo después de este pago');
    fireEvent.click(button('English'));
    expect(screen.getByRole('region', { name: 'Payment receipt' }).textContent).toContain(
      'check 1042, Wells Fargo',
    );
  });

  it('saves the central system’s PDF of the receipt in the language chosen', async () => {
    answers['account.command'] = queueing(6);
    answers['payments.receiptPdf'] = () => ({ base64: btoa('%PDF-1.3 receipt') });
    await renderWith(<Panels request={open({ amount: '100' })} />, {
      view: philadelphiaAccount(),
    });
    fireEvent.click(button('Post payment of $100.00'));
    await screen.findByText(/Sent to the central system/);
    act(() => apply(6, applied));
    fireEvent.click(button('Save receipt as PDF'));
    await screen.findByText('Receipt saved.');
    expect(callsTo('payments.receiptPdf')).toEqual([
      { accountNumber: 'PA-1000007', receiptNumber: 'PA-00000042', lang: 'en' },
    ]);
  });

  it('reads in Spanish', async () => {
    await renderWith(<Panels request={open({ tender: 'ach' })} />, {
      view: philadelphiaAccount(),
      locale: 'es',
    });
    expect(screen.getByRole('heading', { name: 'Pago' })).toBeTruthy();
    change('Número de ruta', '123456789');
    expect(screen.getByText(/su dígito de control no coincide/)).toBeTruthy();
  });
});
