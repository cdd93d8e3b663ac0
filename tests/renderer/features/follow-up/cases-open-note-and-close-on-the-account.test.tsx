// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../../renderer/app/shortcuts';
import { AccountView } from '../../../../renderer/features/account/AccountView';
import type { AccountCase, AccountLetter, AccountTask } from '../../../../shared/cis';
import { Temporal } from '../../../../shared/dates';
import { philadelphiaAccount, queued } from '../../support/account';
import { answers, callsTo } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

const today = Temporal.Now.plainDateISO();

function withFollowUp(o: {
  cases?: AccountCase[];
  tasks?: AccountTask[];
  letters?: AccountLetter[];
}) {
  const view = philadelphiaAccount();
  view.detail = {
    ...view.detail!,
    cases: o.cases ?? [],
    tasks: o.tasks ?? [],
    letters: o.letters ?? [],
  };
  return view;
}

const dispute: AccountCase = {
  id: 'case-1',
  kind: 'dispute',
  status: 'open',
  description: 'The March bill counts a reading the customer never had.',
  billId: 'b12',
  disputedCents: 4_250,
  preferredContact: 'email',
  language: 'es',
  openedOn: today.subtract({ days: 31 }).toString(),
  dueOn: today.subtract({ days: 1 }).toString(),
  ownerId: 'u-agent',
  ownerName: 'Alex Rivera',
  team: 'care-a',
  escalatedOn: null,
  resolution: null,
  resolutionText: null,
  letterId: null,
  closedOn: null,
  notes: [],
  documents: [],
};

const letter: AccountLetter = {
  id: 'letter-9',
  template: 'case-answer',
  language: 'es',
  delivery: 'email',
  status: 'sent',
  title: 'Respuesta a su caso',
  caseId: 'case-1',
  pages: 1,
  createdBy: 'u-lead',
  createdAt: `${today.toString()}T15:00:00.000Z`,
  sentAt: `${today.toString()}T15:00:01.000Z`,
};

const keys = (key: string) =>
  fireEvent.keyDown(window, {
    key,
    code: /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`,
    ctrlKey: true,
    altKey: true,
  });

describe('cases and tasks on the account', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installShortcutListener();
  });
  afterAll(() => uninstall());
  afterEach(tidy);

  it('opens a dispute from Ctrl+Alt+C, refusing no description and an amount above the bill', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command, 3);
    const view = withFollowUp({});
    await renderWith(<AccountView />, { view });
    keys('c');
    const form = await screen.findByRole('form', { name: 'Open a case' });
    await new Promise((r) => setTimeout(r, 5));
    expect(document.activeElement).toBe(within(form).getByLabelText('What the customer says'));
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'dispute' } });
    const bill = view.detail!.bills[0];
    fireEvent.click(within(form).getByRole('button', { name: 'Open the case' }));
    expect(within(form).getByText('Write what the customer says.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('What the customer says'), {
      target: { value: 'Disputes the estimated read' },
    });
    // One cent above the bill's total is refused at the desk, before anything is queued.
    fireEvent.change(within(form).getByLabelText('Amount disputed ($)'), {
      target: { value: ((bill.totalCents + 1) / 100).toFixed(2) },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Open the case' }));
    expect(callsTo('account.command')).toEqual([]);
    fireEvent.change(within(form).getByLabelText('Amount disputed ($)'), {
      target: { value: (bill.totalCents / 100).toFixed(2) },
    });
    fireEvent.change(within(form).getByLabelText('How the customer wants the answer'), {
      target: { value: 'mail' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Open the case' }));
    await screen.findByText(/central system/);
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'openCase',
          accountNumber: 'PA-1000007',
          kind: 'dispute',
          description: 'Disputes the estimated read',
          billId: bill.id,
          disputedCents: bill.totalCents,
          preferredContact: 'mail',
          language: 'en',
          documents: [],
        },
      },
    ]);
  });

  it('shows an overdue case with its held amount; an agent cannot close it, a lead closes it with its letter', async () => {
    await renderWith(<AccountView />, {
      view: withFollowUp({ cases: [dispute], letters: [letter] }),
    });
    fireEvent.click(screen.getByRole('tab', { name: /Cases and tasks/ }));
    const item = screen.getByRole('listitem', { name: /^Dispute opened/ });
    expect(within(item).getByText('Overdue')).toBeTruthy();
    expect(within(item).getByText('$42.50 held from collection')).toBeTruthy();
    expect(within(item).getByText('A lead closes a case.')).toBeTruthy();
    expect(within(item).queryByRole('button', { name: 'Close the case' })).toBeNull();
    tidy();
    answers['cases.close'] = (r) => queued({ type: 'closeCase', ...(r as object) }, 4);

    await renderWith(<AccountView />, {
      view: withFollowUp({ cases: [dispute], letters: [letter] }),
      role: 'lead',
    });
    fireEvent.click(screen.getByRole('tab', { name: /Cases and tasks/ }));
    const lead = screen.getByRole('listitem', { name: /^Dispute opened/ });
    const close = within(lead).getByRole('form', { name: 'Close the case' });
    fireEvent.click(within(close).getByRole('button', { name: 'Close the case' }));
    expect(within(close).getByText('Write the answer given.')).toBeTruthy();
    expect(callsTo('cases.close')).toEqual([]);
    fireEvent.change(within(close).getByLabelText('Resolution'), {
      target: { value: 'partly-upheld' },
    });
    fireEvent.change(within(close).getByLabelText('The answer given'), {
      target: { value: 'Rebilled on an actual read' },
    });
    expect(
      (within(close).getByLabelText('Letter that carried the answer') as HTMLSelectElement).value,
    ).toBe('letter-9');
    fireEvent.click(within(close).getByRole('button', { name: 'Close the case' }));
    await within(close).findByText(/central system/);
    expect(callsTo('cases.close')).toEqual([
      {
        accountNumber: 'PA-1000007',
        caseId: 'case-1',
        resolution: 'partly-upheld',
        resolutionText: 'Rebilled on an actual read',
        letterId: 'letter-9',
      },
    ]);
  });

  it('adds a task for the team, refuses a past due day, and completes one with its outcome, in Spanish', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command, 5);
    const task: AccountTask = {
      id: 'task-1',
      accountNumber: 'PA-1000007',
      caseId: null,
      kind: 'callback',
      assigneeId: 'u-agent',
      assigneeName: 'Alex Rivera',
      team: null,
      dueOn: today.toString(),
      note: 'después de las 5',
      status: 'open',
      createdBy: 'u-agent',
      doneOn: null,
      outcome: null,
    };
    await renderWith(<AccountView />, { view: withFollowUp({ tasks: [task] }), locale: 'es' });
    keys('7');
    const add = screen.getByRole('form', { name: 'Agregar una tarea' });
    fireEvent.change(within(add).getByLabelText('Para'), { target: { value: 'team' } });
    fireEvent.change(within(add).getByLabelText('Vence el'), {
      target: { value: today.subtract({ days: 1 }).toString() },
    });
    fireEvent.click(within(add).getByRole('button', { name: 'Agregar la tarea' }));
    expect(within(add).getByText('Elija hoy o un día posterior.')).toBeTruthy();
    expect(callsTo('account.command')).toEqual([]);
    fireEvent.change(within(add).getByLabelText('Vence el'), {
      target: { value: today.add({ days: 2 }).toString() },
    });
    fireEvent.click(within(add).getByRole('button', { name: 'Agregar la tarea' }));
    await within(add).findByRole('status');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'createTask',
          accountNumber: 'PA-1000007',
          kind: 'callback',
          assignee: { team: 'care-a' },
          dueOn: today.add({ days: 2 }).toString(),
          note: '',
        },
      },
    ]);

    const item = screen.getByRole('listitem', { name: /^Devolver la llamada/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Hecha' }));
    expect(within(item).getByText('Escriba qué resultó.')).toBeTruthy();
    fireEvent.change(within(item).getByLabelText('Qué resultó'), { target: { value: 'Pagó hoy' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Hecha' }));
    await within(item).findByRole('status');
    expect(callsTo('account.command').at(-1)).toEqual({
      command: {
        type: 'completeTask',
        accountNumber: 'PA-1000007',
        taskId: 'task-1',
        status: 'done',
        outcome: 'Pagó hoy',
      },
    });
  });
});
