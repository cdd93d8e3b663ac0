import type { StateCreator } from 'zustand';
import type { Command } from '../../../shared/cis';
import type { OutboxItemView } from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';

/** The commands an agent's panels queue (a lead's decision goes through the approval queue). */
export type AgentCommand = Exclude<Command, { type: 'decideAdjustment' }>;

export interface Household {
  size: number;
  annualIncomeCents: number;
}

export interface ActionsSlice {
  /** i18n key of why the last command could not even be queued (bad input, a card number). */
  actionError: string | null;
  /** Queues a command in the outbox; its outcome arrives with `command.outcome`. */
  submitCommand(command: AgentCommand): Promise<OutboxItemView | null>;
  /** Households screened on this call, by account: the arrangement panel reuses the income. */
  households: Record<string, Household>;
  rememberHousehold(accountNumber: string, household: Household): void;
}

export const createActionsSlice: StateCreator<AppState, [], [], ActionsSlice> = (set, get) => ({
  actionError: null,
  households: {},
  async submitCommand(command) {
    set({ actionError: null });
    try {
      const item = await call('account.command', { command });
      if (item.accountNumber === get().openNumber)
        set({ outbox: [item, ...get().outbox.filter((i) => i.seq !== item.seq)] });
      get().noteCallCommand(command);
      return item;
    } catch (err) {
      set({ actionError: messageKeyOf(err) });
      return null;
    }
  },
  rememberHousehold(accountNumber, household) {
    set({ households: { ...get().households, [accountNumber]: household } });
  },
});
