// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalQueue } from '../../../renderer/features/approvals/ApprovalQueue';
import { queued } from '../support/account';
import { answers, callsTo, emit } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const request = (id: string, approver: string, amountCents: number) => ({
  id,
  accountNumber: 'PA-1000007',
  name: 'Ana Peña',
  kind: 'leak',
  amountCents,
  reason: 'leak repaired, plumber’s invoice on file',
  approver,
  requestedBy: 'Alex Rivera',
  createdAt: '2026-11-17T15:00:00.000Z',
  status: 'pending',
  decidedBy: null,
  decisionReason: null,
  decidedAt: null,
});

describe('the team lead’s approval queue', () => {
  afterEach(tidy);

  it('lists the requests, refuses a decision without a reason, and sends one with it', async () => {
    answers['approvals.pending'] = () => ({
      pending: [request('a1', 'lead', -25_000), request('a2', 'manager', -90_000)],
    });
    answers['approvals.decide'] = (r) => queued({ type: 'decideAdjustment', ...(r as object) }, 7);
    await renderWith(<ApprovalQueue />, { role: 'lead' });
    const first = await screen.findByRole('listitem', {
      name: 'Leak credit of $250.00 for Ana Peña',
    });
    const second = screen.getByRole('listitem', { name: 'Leak credit of $900.00 for Ana Peña' });
    expect(within(second).getByText('This one needs a manager.')).toBeTruthy();
    expect(within(second).queryByRole('button', { name: 'Approve' })).toBeNull();

    fireEvent.click(within(first).getByRole('button', { name: 'Decline' }));
    expect(within(first).getByText(/Write the reason for the decision/)).toBeTruthy();
    expect(callsTo('approvals.decide')).toEqual([]);

    fireEvent.change(within(first).getByLabelText(/Reason for the decision/), {
      target: { value: 'no proof of repair' },
    });
    fireEvent.click(within(first).getByRole('button', { name: 'Decline' }));
    await within(first).findByText(/on its way/);
    expect(callsTo('approvals.decide')).toEqual([
      {
        accountNumber: 'PA-1000007',
        adjustmentId: 'a1',
        decision: 'decline',
        reason: 'no proof of repair',
      },
    ]);

    answers['approvals.pending'] = () => ({ pending: [request('a2', 'manager', -90_000)] });
    const decided = {
      ...queued(
        {
          type: 'decideAdjustment',
          adjustmentId: 'a1',
          decision: 'decline',
          accountNumber: 'PA-1000007',
          reason: 'no proof of repair',
        },
        7,
      ),
      status: 'applied',
      result: { status: 'applied', result: { adjustmentId: 'a1', status: 'declined' } },
    };
    emit('command.outcome', { item: decided, duplicate: false });
    await screen.findByText(
      'Done: your decline is recorded — Leak credit of $250.00 for Ana Peña.',
    );
  });

  it('shows an approval recorded as a success, and the empty queue without the item', async () => {
    answers['approvals.pending'] = () => ({ pending: [request('a1', 'lead', -25_000)] });
    answers['approvals.decide'] = (r) => queued({ type: 'decideAdjustment', ...(r as object) }, 8);
    await renderWith(<ApprovalQueue />, { role: 'lead' });
    const item = await screen.findByRole('listitem', {
      name: 'Leak credit of $250.00 for Ana Peña',
    });
    fireEvent.change(within(item).getByLabelText(/Reason for the decision/), {
      target: { value: 'invoice checked' },
    });
    fireEvent.click(within(item).getByRole('button', { name: 'Approve' }));
    await within(item).findByText(/on its way/);

    answers['approvals.pending'] = () => ({ pending: [] });
    const command = {
      type: 'decideAdjustment',
      adjustmentId: 'a1',
      decision: 'approve',
      accountNumber: 'PA-1000007',
      reason: 'invoice checked',
    };
    emit('command.outcome', {
      item: {
        ...queued(command, 8),
        status: 'applied',
        result: { status: 'applied', result: { adjustmentId: 'a1', status: 'posted' } },
      },
      duplicate: false,
    });
    await screen.findByText('Nothing waits for approval.');
    const done = screen.getByText(
      'Done: your approval is recorded — Leak credit of $250.00 for Ana Peña.',
    );
    expect(done.className).toBe('success');
    expect(done.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('says so, in the lead’s language, when the queue cannot be reached', async () => {
    await renderWith(<ApprovalQueue />, { role: 'lead', locale: 'es' });
    await screen.findByText(
      'No se puede conectar con el sistema central. La acción está guardada y se enviará cuando vuelva.',
    );
  });
});
