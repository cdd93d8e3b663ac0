// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../../renderer/app/shortcuts';
import { HistorySection } from '../../../../renderer/features/account/sections';
import type { AgentCommand } from '../../../../renderer/features/calculators/actions-slice';
import { SoftphoneBar } from '../../../../renderer/features/softphone/SoftphoneBar';
import { useAppStore } from '../../../../renderer/store';
import { philadelphiaAccount, queued } from '../../support/account';
import { answers, callsTo } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';
import { CarrierPhone, press, startOn } from './fake-phone';

const store = () => useAppStore.getState();
const codeField = () => screen.getByRole('combobox', { name: 'Wrap-up code' });
const arrangement = {
  type: 'createArrangement',
  accountNumber: 'PA-1000007',
  kind: 'equal',
  offer: { months: 6 },
} as AgentCommand;

async function onCall(phone: CarrierPhone, callId: string) {
  phone.ring(callId);
  await act(() => store().answer());
}

describe('wrap-up', () => {
  let offKeys: () => void;
  beforeAll(() => {
    offKeys = installShortcutListener();
  });
  afterEach(async () => {
    await act(() => store().stopSoftphone());
    // Each test's calls are its own: none left to record into the next.
    useAppStore.setState({ unrecorded: [], callNotes: {}, callSaved: null });
    tidy();
  });
  afterAll(() => offKeys());

  it('says at the code field that a code is missing when Ctrl+Alt+W is pressed again without one', async () => {
    const phone = new CarrierPhone();
    await renderWith(<SoftphoneBar />);
    await startOn(phone);
    await onCall(phone, 'CA1');
    await act(() => store().hangup());
    press('W');
    expect(document.activeElement).toBe(codeField());
    expect(screen.queryByRole('alert')).toBeNull();
    press('W');
    expect(screen.getByRole('alert').textContent).toBe(
      'Choose a wrap-up code to finish this call.',
    );
    expect(codeField().getAttribute('aria-invalid')).toBe('true');
    expect(codeField().getAttribute('aria-describedby')).toBe('wrap-up-code-missing');
    expect(store().desk.state).toBe('wrap-up');

    fireEvent.change(codeField(), { target: { value: 'billing-question' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('suggests the code of an arrangement made outside a script, keeps the noted text editable, and confirms the call was saved', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command, 5);
    answers['interaction.record'] = (r) =>
      queued({ type: 'recordInteraction', ...(r as object) }, 6);
    const phone = new CarrierPhone();
    await renderWith(<SoftphoneBar />);
    await startOn(phone);
    await onCall(phone, 'CA1');
    act(() => store().appendCallNotes('Noted: the customer will pay on Fridays.'));
    await act(() => store().submitCommand(arrangement));
    await act(() => store().hangup());

    expect((codeField() as HTMLSelectElement).value).toBe('payment-arrangement');
    expect(
      screen.getByText('Suggested: the last thing done on this call was a payment arrangement.'),
    ).toBeTruthy();
    const notes = screen.getByRole('textbox', { name: 'Notes for this call' });
    expect((notes as HTMLTextAreaElement).value).toBe('Noted: the customer will pay on Fridays.');
    fireEvent.change(notes, {
      target: { value: 'Noted: the customer will pay on Fridays. First payment confirmed.' },
    });

    press('W');
    await act(async () => press('W'));
    expect(store().desk.state).toBe('available');
    expect(callsTo('interaction.record')).toEqual([
      expect.objectContaining({
        wrapUpCode: 'payment-arrangement',
        notes: 'Noted: the customer will pay on Fridays. First payment confirmed.',
      }),
    ]);
    expect(screen.getByTestId('softphone-notice').textContent).toContain(
      'Call saved with the code “Payment arrangement”.',
    );

    // The next call starts with nothing said about the last one.
    phone.ring('CA2');
    expect(screen.getByTestId('softphone-notice').textContent).not.toContain('Call saved');
  });

  it('lets the last command on the call decide: an enrolment after the arrangement suggests assistance', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command, 5);
    const phone = new CarrierPhone();
    await renderWith(<SoftphoneBar />, { locale: 'es' });
    await startOn(phone);
    await onCall(phone, 'CA1');
    await act(() => store().submitCommand(arrangement));
    await act(() =>
      store().submitCommand({
        type: 'enrollAssistance',
        accountNumber: 'PA-1000007',
        program: 'tap',
        household: { size: 3, annualIncomeCents: 2_000_000 },
      }),
    );
    await act(() => store().hangup());
    expect(
      (screen.getByRole('combobox', { name: 'Código de cierre' }) as HTMLSelectElement).value,
    ).toBe('assistance');
    expect(
      screen.getByText(
        'Sugerido: lo último que se hizo en esta llamada fue una inscripción en asistencia.',
      ),
    ).toBeTruthy();
  });

  it('clears "Note saved" when the next call starts', async () => {
    answers['account.addNote'] = (r) => queued({ type: 'addNote', ...(r as object) }, 9);
    const phone = new CarrierPhone();
    await renderWith(<HistorySection />, { view: philadelphiaAccount() });
    await startOn(phone);
    // The caller's number finds nothing to pop: the account the agent has open stays.
    delete answers['account.byPhone'];
    await onCall(phone, 'CA1');
    fireEvent.change(screen.getByLabelText('Add a note'), { target: { value: 'Called back' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save note' })));
    expect(screen.getByText(/^Note saved/)).toBeTruthy();
    await act(() => store().hangup());
    act(() => store().setWrapUpCode('other'));
    act(() => store().finishWrapUp());
    await onCall(phone, 'CA2');
    expect(screen.queryByText(/^Note saved/)).toBeNull();
  });
});
