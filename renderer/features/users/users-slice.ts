import type { StateCreator } from 'zustand';
import type { AddUserRequest, UserSummary } from '../../../shared/cis';
import type { RequestOf } from '../../../shared/ipc';
import { call } from '../../bridge';
import type { AppState } from '../../store';
import { messageKeyOf } from '../../store/errors';

/** One administrator's change to a user, as its channel takes it. */
export type UserChange =
  | { kind: 'disable'; request: RequestOf<'users.disable'> }
  | { kind: 'enable'; request: RequestOf<'users.enable'> }
  | { kind: 'resetPassword'; request: RequestOf<'users.resetPassword'> }
  | { kind: 'changeRole'; request: RequestOf<'users.changeRole'> };

export type UserChangeKind = UserChange['kind'];

/** What the last change did, said until the next one. */
export type UsersNotice =
  | { kind: 'added' | UserChangeKind; user: UserSummary }
  | { kind: 'error'; key: string; problem?: string };

export interface UsersSlice {
  /** The CIS's users (an administrator's view); null until loaded. */
  users: UserSummary[] | null;
  usersNotice: UsersNotice | null;
  loadUsers(): Promise<void>;
  addUser(request: AddUserRequest): Promise<boolean>;
  changeUser(change: UserChange): Promise<boolean>;
}

function refusal(err: unknown): UsersNotice {
  const details = (err as { error?: { details?: { problem?: unknown } } }).error?.details;
  const problem = typeof details?.problem === 'string' ? details.problem : undefined;
  return { kind: 'error', key: messageKeyOf(err), ...(problem ? { problem } : {}) };
}

/** The user as the server now has it, in place of the one the list held. */
function replaced(users: UserSummary[] | null, user: UserSummary): UserSummary[] {
  const others = (users ?? []).filter((u) => u.id !== user.id);
  return [...others, user].sort((a, b) => a.username.localeCompare(b.username));
}

export const createUsersSlice: StateCreator<AppState, [], [], UsersSlice> = (set, get) => ({
  users: null,
  usersNotice: null,
  async loadUsers() {
    try {
      const { users } = await call('users.list', {});
      set({ users });
    } catch (err) {
      set({ usersNotice: refusal(err) });
    }
  },
  async addUser(request) {
    try {
      const user = await call('users.add', request);
      set({ users: replaced(get().users, user), usersNotice: { kind: 'added', user } });
      return true;
    } catch (err) {
      set({ usersNotice: refusal(err) });
      return false;
    }
  },
  async changeUser(change) {
    try {
      const user =
        change.kind === 'disable'
          ? await call('users.disable', change.request)
          : change.kind === 'enable'
            ? await call('users.enable', change.request)
            : change.kind === 'resetPassword'
              ? await call('users.resetPassword', change.request)
              : await call('users.changeRole', change.request);
      set({ users: replaced(get().users, user), usersNotice: { kind: change.kind, user } });
      return true;
    } catch (err) {
      set({ usersNotice: refusal(err) });
      return false;
    }
  },
});
