import { z } from 'zod';

export { type IpcError, IpcFailure, type IpcResult, ipcError } from './failure';

/** Error codes every channel may answer with; features add their own domain codes. */
export const ipcErrorCode = z.enum([
  'bad_request',
  'unknown_channel',
  'too_large',
  'forbidden',
  'unauthenticated',
  'bad_response',
  'internal',
  'rejected',
  'offline',
  'not_found',
  'conflict',
  'bad_credentials',
  'too_many_attempts',
  'identity_provider_invalid_answer',
  'identity_provider_no_role',
  'identity_provider_refused',
  'identity_provider_unavailable',
  'password_change_required',
  'weak_password',
  'same_password',
  'card_number',
  'unavailable',
  'hub_offline',
]);
export type IpcErrorCode = z.infer<typeof ipcErrorCode>;

export const ipcErrorSchema = z.object({
  code: z.string(),
  messageKey: z.string(),
  details: z.unknown().optional(),
});
