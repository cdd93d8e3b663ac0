// @vitest-environment happy-dom
import '../../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../../renderer/app/shortcuts';
import { MyTasks } from '../../../../renderer/features/follow-up/MyTasks';
import { useAppStore } from '../../../../renderer/store';
import type { AccountTask } from '../../../../shared/cis';
import { Temporal } from '../../../../shared/dates';
import { answers, callsTo } from '../../support/fake-bridge';
import { renderWith, tidy } from '../../support/render';

const today = Temporal.Now.plainDateISO();
const task = (id: string, dueOn: string, o: Partial<AccountTask> = {}): AccountTask => ({
  id,
  accountNumber: 'PA-1000007',
  caseId: null,
  kind: 'payment-check',
  assigneeId: null,
  assigneeName: null,
  team: 'care-a',
  dueOn,
  note: '',
  status: 'open',
  createdBy: 'u-lead',
  doneOn: null,
  outcome: null,
  ...o,
});

describe('the agent’s task list', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installShortcutListener();
  });
  afterAll(() => uninstall());
  afterEach(tidy);

  it('opens on Ctrl+Alt+Y with the open tasks, the overdue one marked, in Spanish', async () => {
    answers['tasks.mine'] = () => ({
      tasks: [
        task('t1', today.subtract({ days: 2 }).toString()),
        task('t2', today.add({ days: 3 }).toString(), {
          kind: 'callback',
          assigneeId: 'u-agent',
          assigneeName: 'Alex Rivera',
          team: null,
        }),
      ],
    });
    await renderWith(<MyTasks />, { locale: 'es' });
    fireEvent.keyDown(window, { key: 'y', code: 'KeyY', ctrlKey: true, altKey: true });
    const list = await screen.findByRole('region', { name: 'Mis tareas y las de mi equipo' });
    const overdue = within(list).getByRole('listitem', { name: /^Verificar un pago/ });
    expect(within(overdue).getByText('Vencida')).toBeTruthy();
    const later = within(list).getByRole('listitem', { name: /^Devolver la llamada/ });
    expect(within(later).queryByText('Vencida')).toBeNull();
    expect(within(later).getByText(/Para Alex Rivera/)).toBeTruthy();
    expect(
      within(overdue).getByRole('button', { name: 'Abrir la cuenta PA-1000007' }),
    ).toBeTruthy();
    expect(callsTo('tasks.mine').length).toBeGreaterThan(0);
  });

  it('says so when the central system cannot be reached', async () => {
    useAppStore.setState({ myTasks: null, myTasksError: null });
    await renderWith(<MyTasks />);
    fireEvent.click(screen.getByRole('button', { name: /My tasks/ }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('listitem')).toBeNull();
  });
});
