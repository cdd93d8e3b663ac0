/**
 * The typed error of the IPC contract, without its schema: the renderer imports this (and types)
 * only, so validation code stays on the main side.
 */
export interface IpcError {
  code: string;
  /** An i18n key, so the renderer shows it in the agent's language. */
  messageKey: string;
  details?: unknown;
}

/** What a call answers: a value or a typed error, never an exception across the boundary. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ipcError(code: string, details?: unknown): IpcError {
  return { code, messageKey: `errors:${code}`, ...(details === undefined ? {} : { details }) };
}

/** Thrown by handlers to answer a typed error (a domain refusal, a missing record...). */
export class IpcFailure extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.code);
    this.name = 'IpcFailure';
    this.error = error;
  }
}
