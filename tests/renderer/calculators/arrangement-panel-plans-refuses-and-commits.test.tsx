// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { useAppStore } from '../../../renderer/store';
import { philadelphiaAccount, queued } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const request = (prefill: Record<string, string | number | boolean> = {}) => ({
  panel: 'arrangement' as const,
  prefill,
  at: Date.now(),
});
const field = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: RegExp, value: string) => fireEvent.change(field(name), { target: { value } });

/** A Philadelphia account $400.00 past due: 25% down, 6 to 12 months, at least $10 a month. */
describe('the payment arrangement panel', () => {
  afterEach(tidy);

  it('shows the plan the policy accepts as soon as it opens, from the account', async () => {
    await renderWith(<Panels request={request()} />, { view: philadelphiaAccount() });
    expect(screen.getByText('Past due $400.00 for 45 days; current charges $69.15.')).toBeTruthy();
    expect(screen.getByText('Down payment $100.00, then 12 payments; $400.00 in all')).toBeTruthy();
  });

  it('refuses a term beyond the policy with the rule, shows the nearest plan, and takes it', async () => {
    await renderWith(<Panels request={request()} />, { view: philadelphiaAccount() });
    type(/^Months/, '13');
    expect(screen.getByText('The policy does not accept this offer.')).toBeTruthy();
    // The refusal names the rule and where it is written (and so does the list of every rule).
    const [refusal] = screen.getAllByText('13 months is beyond the maximum of 12 months.');
    expect(refusal.closest('li')?.textContent).toContain('phila.gov');
    expect(screen.getByText('The nearest plan the policy accepts')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use this plan' }));
    expect(field(/^Months/).value).toBe('12');
    expect(field(/^Down payment/).value).toBe('100.00');
    expect(screen.queryByText('The policy does not accept this offer.')).toBeNull();
  });

  it('refuses a down payment below 25% and says how much is needed, in the agent’s language', async () => {
    await renderWith(<Panels request={request({ downPayment: '50' })} />, {
      view: philadelphiaAccount(),
      locale: 'es',
    });
    expect(screen.getByText('La política no acepta esta oferta.')).toBeTruthy();
    const text =
      'El pago inicial de $50.00 es menor que el mínimo de $100.00 (25 % de lo adeudado).';
    expect(screen.getAllByText(text).length).toBeGreaterThan(0);
  });

  it('says what is wrong with an amount that is not one, and plans nothing', async () => {
    await renderWith(<Panels request={request()} />, { view: philadelphiaAccount() });
    type(/^Down payment/, '12,5x');
    expect(screen.getByText('Enter an amount in dollars, such as 125.50.')).toBeTruthy();
    expect(field(/^Down payment/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(/then \d+ payments/)).toBeNull();
    expect(
      (screen.getByRole('button', { name: 'Make this arrangement' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('says a negative down payment is one, in both languages', async () => {
    await renderWith(<Panels request={request()} />, { view: philadelphiaAccount() });
    type(/^Down payment/, '-50');
    expect(screen.getByText('The down payment cannot be negative.')).toBeTruthy();
    expect(field(/^Down payment/).getAttribute('aria-invalid')).toBe('true');
    type(/^Down payment/, '-$50.00');
    expect(screen.getByText('The down payment cannot be negative.')).toBeTruthy();
    tidy();

    await renderWith(<Panels request={request()} />, { view: philadelphiaAccount(), locale: 'es' });
    type(/^Pago inicial/, '-50');
    expect(screen.getByText('El pago inicial no puede ser negativo.')).toBeTruthy();
  });

  it('commits the offer as createArrangement, the way the server will plan it', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command, 41);
    await renderWith(<Panels request={request({ months: 6, downPayment: 150 })} />, {
      view: philadelphiaAccount(),
    });
    expect(screen.getByText('Down payment $150.00, then 6 payments; $400.00 in all')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Make this arrangement' }));
    await screen.findByText(/Sent to the central system/);
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'createArrangement',
          accountNumber: 'PA-1000007',
          kind: 'equal',
          offer: { downPaymentCents: 15_000, months: 6 },
        },
      },
    ]);
    const plan = {
      kind: 'equal',
      downPaymentCents: 15_000,
      amountArrangedCents: 45_000,
      installments: [{ number: 1, due: '2026-07-10', amountCents: 45_000 }],
      totalCents: 60_000,
      currentBillsMustBePaid: true,
      writtenConfirmationBy: null,
      notes: [],
    };
    const outcome = { status: 'applied' as const, result: { arrangementId: 'a1', plan } };
    useAppStore
      .getState()
      .receiveOutcome({ ...queued({}, 41), status: 'applied', result: outcome });
    await screen.findByText('The arrangement is in place.');
  });

  it('gives the schedule in the customer’s language, to print and to copy for an email', async () => {
    const print = vi.fn();
    window.print = print;
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderWith(<Panels request={request({ months: 6 })} />, {
      view: philadelphiaAccount({ language: 'es' }),
    });
    const schedule = screen.getByRole('region', { name: 'The schedule for the customer' });
    // What the agent reads is the first text; the print area holds both languages, hers first.
    const [shown, ...printed] = schedule.querySelectorAll('article');
    expect(shown.getAttribute('lang')).toBe('es');
    expect(within(shown).getByText('Estimado(a) Ana Peña:')).toBeTruthy();
    expect(within(shown).getByText('Pago inicial, vence hoy')).toBeTruthy();
    expect(printed.map((a) => a.getAttribute('lang'))).toEqual(['es', 'en']);
    fireEvent.click(within(schedule).getByRole('button', { name: 'English' }));
    const english = schedule.querySelector('article')!;
    expect(within(english).getByText('Dear Ana Peña,')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the email text' }));
    await screen.findByText('Copied.');
    const text = String((writeText.mock.calls[0] as unknown[])[0]);
    expect(text).toMatch(
      /^Philadelphia Water Department: your payment arrangement for account PA-1000007/,
    );
    expect(text).toContain('Payment 6 of 6');
  });
});
