import { create } from 'zustand';
import { type AccountSlice, createAccountSlice } from '../features/account/account-slice';
import { type ApprovalsSlice, createApprovalsSlice } from '../features/approvals/approvals-slice';
import { type AuthSlice, createAuthSlice } from '../features/auth/auth-slice';
import { type BoardSlice, createBoardSlice } from '../features/board/board-slice';
import { type ActionsSlice, createActionsSlice } from '../features/calculators/actions-slice';
import { createFlowsSlice, type FlowsSlice } from '../features/flows/flows-slice';
import { createFollowUpSlice, type FollowUpSlice } from '../features/follow-up/follow-up-slice';
import { createSoftphoneSlice, type SoftphoneSlice } from '../features/softphone/softphone-slice';
import { createUsersSlice, type UsersSlice } from '../features/users/users-slice';
import { type ConnectionSlice, createConnectionSlice } from './connection-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** One store, one slice per feature (zustand's slices pattern). */
export type AppState = SettingsSlice &
  ConnectionSlice &
  UiSlice &
  AuthSlice &
  AccountSlice &
  ActionsSlice &
  ApprovalsSlice &
  SoftphoneSlice &
  FlowsSlice &
  BoardSlice &
  UsersSlice &
  FollowUpSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createSettingsSlice(...a),
  ...createConnectionSlice(...a),
  ...createUiSlice(...a),
  ...createAuthSlice(...a),
  ...createAccountSlice(...a),
  ...createActionsSlice(...a),
  ...createApprovalsSlice(...a),
  ...createSoftphoneSlice(...a),
  ...createFlowsSlice(...a),
  ...createBoardSlice(...a),
  ...createUsersSlice(...a),
  ...createFollowUpSlice(...a),
}));
