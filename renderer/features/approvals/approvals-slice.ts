import type { StateCreator } from 'zustand';
import type { AdjustmentRequest } from '../../../shared/cis';
import type { OutboxItemView } from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';

export interface ApprovalsSlice {
  /** A lead's queue: adjustments above an agent's limit; null until loaded. */
  approvals: AdjustmentRequest[] | null;
  approvalsError: string | null;
  /** The decisions a lead made here, by adjustment id: the request and the command's outcome. */
  decisions: Record<string, { request: AdjustmentRequest; item: OutboxItemView }>;
  loadApprovals(): Promise<void>;
  decideAdjustment(
    request: AdjustmentRequest,
    decision: 'approve' | 'decline',
    reason: string,
  ): Promise<boolean>;
  receiveDecision(item: OutboxItemView): void;
  /** An agent's own requests with the lead's decision; null until loaded. */
  myRequests: AdjustmentRequest[] | null;
  loadMyRequests(): Promise<void>;
}

export const createApprovalsSlice: StateCreator<AppState, [], [], ApprovalsSlice> = (set, get) => ({
  approvals: null,
  approvalsError: null,
  decisions: {},
  async loadApprovals() {
    try {
      const { pending } = await call('approvals.pending', {});
      set({ approvals: pending, approvalsError: null });
    } catch (err) {
      set({ approvalsError: messageKeyOf(err) });
    }
  },
  async decideAdjustment(request, decision, reason) {
    try {
      const item = await call('approvals.decide', {
        accountNumber: request.accountNumber,
        adjustmentId: request.id,
        decision,
        reason,
      });
      set({
        decisions: { ...get().decisions, [request.id]: { request, item } },
        approvalsError: null,
      });
      return true;
    } catch (err) {
      set({ approvalsError: messageKeyOf(err) });
      return false;
    }
  },
  receiveDecision(item) {
    if (item.command.type !== 'decideAdjustment') return;
    const id = item.command.adjustmentId;
    const known = get().decisions[id];
    if (!known) return;
    set({ decisions: { ...get().decisions, [id]: { ...known, item } } });
    // Decided (or refused because someone else decided first): the queue moved on.
    if (item.status !== 'pending') void get().loadApprovals();
  },
  myRequests: null,
  async loadMyRequests() {
    try {
      const { requested } = await call('approvals.mine', {});
      set({ myRequests: requested });
    } catch {
      // Offline: the list keeps what it had; the account's adjustments still show the outcome.
    }
  },
});
