import type { StateCreator } from 'zustand';
import type { AccountTask } from '../../../shared/cis';
import type { OutboxItemView, RequestOf } from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';

export interface FollowUpSlice {
  /** The caller's open tasks and their team's, from the CIS; null until loaded. */
  myTasks: AccountTask[] | null;
  myTasksError: string | null;
  loadMyTasks(): Promise<void>;
  /** A lead closes a case: queued in the outbox like every command. */
  closeCase(close: RequestOf<'cases.close'>): Promise<OutboxItemView | null>;
}

export const createFollowUpSlice: StateCreator<AppState, [], [], FollowUpSlice> = (set, get) => ({
  myTasks: null,
  myTasksError: null,
  async loadMyTasks() {
    try {
      const { tasks } = await call('tasks.mine', {});
      set({ myTasks: tasks, myTasksError: null });
    } catch (err) {
      set({ myTasksError: messageKeyOf(err) });
    }
  },
  async closeCase(close) {
    set({ actionError: null });
    try {
      const item = await call('cases.close', close);
      if (item.accountNumber === get().openNumber)
        set({ outbox: [item, ...get().outbox.filter((i) => i.seq !== item.seq)] });
      return item;
    } catch (err) {
      set({ actionError: messageKeyOf(err) });
      return null;
    }
  },
});
