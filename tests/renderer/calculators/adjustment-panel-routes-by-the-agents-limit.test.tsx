// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { philadelphiaAccount, queued } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const open = (prefill: Record<string, string | number | boolean>) => ({
  panel: 'adjustment' as const,
  prefill,
  at: Date.now(),
});
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;

/**
 * Philadelphia's settings: agents post up to $100, leads up to $500; a leak credit is half the
 * use above the 12-month average at the bill's rates ($80.38 per Mcf), with proof of repair; a
 * late-fee reversal credits the fee a bill carries. The command carries the bill and the facts,
 * for the central system to compute the same amount.
 */
describe('the adjustment panel', () => {
  afterEach(tidy);

  it('computes a leak credit from the usage history, and posts it only with proof of repair', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command);
    // Eleven months at 0.5 Mcf, the last at 1.5: 1.0 above normal, half of it at $80.38 = $40.19.
    await renderWith(<Panels request={open({ kind: 'leak', reason: 'running toilet fixed' })} />, {
      view: philadelphiaAccount({ latestUsage: '1.5' }),
    });
    expect(screen.getByText('Credit: $40.19')).toBeTruthy();
    expect(screen.getByText('Proof of repair is required.')).toBeTruthy();
    expect(button('Post the adjustment').disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Proof of repair received'));
    expect(screen.getByText('Within your limit: it posts at once.')).toBeTruthy();
    fireEvent.click(button('Post the adjustment'));
    await screen.findByText(/Sent to the central system/);
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'postAdjustment',
          accountNumber: 'PA-1000007',
          kind: 'leak',
          billId: 'b12',
          proofOfRepair: true,
          amountCents: -4_019,
          reason: 'running toilet fixed',
        },
      },
    ]);
  });

  it('sends a reversal above the agent’s limit to a team lead, and says so before it is sent', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command);
    await renderWith(
      <Panels request={open({ kind: 'late-fee-reversal', reason: 'fee charged twice' })} />,
      { view: philadelphiaAccount({ lateFeeCents: 15_000 }) },
    );
    expect(screen.getByText('Credit: $150.00')).toBeTruthy();
    expect(screen.getByText('Above your limit: it goes to a team lead for approval.')).toBeTruthy();
    expect(
      screen.getByText(
        "$150.00 is above the agent's limit of $100.00: a team lead must approve it.",
      ),
    ).toBeTruthy();
    fireEvent.click(button('Send for approval'));
    await screen.findByText(/Sent to the central system/);
    expect(callsTo('account.command')[0]).toEqual({
      command: {
        type: 'postAdjustment',
        accountNumber: 'PA-1000007',
        kind: 'late-fee-reversal',
        billId: 'b12',
        amountCents: -15_000,
        reason: 'fee charged twice',
      },
    });
  });

  it('has no reversal to offer when no bill carries a late fee', async () => {
    await renderWith(<Panels request={open({ kind: 'late-fee-reversal', reason: 'asked' })} />, {
      view: philadelphiaAccount(),
    });
    expect(screen.getByText('No bill on this account carries a late fee to reverse.')).toBeTruthy();
    expect(button('Post the adjustment').disabled).toBe(true);
  });

  it('takes a percentage of the bill chosen, rounded to the cent', async () => {
    await renderWith(<Panels request={open({ kind: 'percentage', percent: '50' })} />, {
      view: philadelphiaAccount(),
    });
    // Half of the latest bill of $69.15 is $34.575, rounded half up.
    expect(screen.getByText('Credit: $34.58')).toBeTruthy();
    expect(button('Post the adjustment').disabled).toBe(true);
    expect(screen.getByText('Write the reason to post it.')).toBeTruthy();
  });

  it('a team lead posts the same reversal without anyone else', async () => {
    await renderWith(<Panels request={open({ kind: 'late-fee-reversal' })} />, {
      view: philadelphiaAccount({ lateFeeCents: 15_000 }),
      role: 'lead',
      locale: 'es',
    });
    expect(screen.getByText('Dentro de su límite: se aplica de inmediato.')).toBeTruthy();
  });
});
