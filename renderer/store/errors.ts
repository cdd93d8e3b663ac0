import { IpcFailure } from '../../shared/ipc/failure';

/** The i18n key of whatever went wrong, for the agent's language. */
export function messageKeyOf(err: unknown): string {
  if (err instanceof IpcFailure) return err.error.messageKey;
  return 'errors:internal';
}
