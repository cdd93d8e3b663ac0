import { z } from 'zod';
import { accountHeader } from './entities';
import { isStorableText, UNSTORABLE_MESSAGE } from './text';

/** One row of the server's change log, after a cursor. */
export const change = z
  .object({
    seq: z.number().int().positive(),
    accountNumber: z.string(),
    /** `header`: the account's new header; anything else: its detail changed (refetch it). */
    kind: z.enum(['header', 'detail']),
    header: accountHeader.nullable(),
    entity: z.string(),
    at: z.string(),
  })
  .strict();
export type Change = z.infer<typeof change>;

export const pullResponse = z
  .object({
    changes: z.array(change),
    cursor: z.number().int().nonnegative(),
    hasMore: z.boolean(),
  })
  .strict();
export type PullResponse = z.infer<typeof pullResponse>;

/** A page of every account header, for the first sync into an empty cache. */
export const snapshotResponse = z
  .object({
    headers: z.array(accountHeader),
    /** Continue after this account number; null on the last page. */
    next: z.string().nullable(),
    /** The change-log position the snapshot started at: pull from here once it is done. */
    cursor: z.number().int().nonnegative(),
  })
  .strict();
export type SnapshotResponse = z.infer<typeof snapshotResponse>;

export const signInRequest = z
  .object({
    username: z.string().trim().min(1).max(60).refine(isStorableText, UNSTORABLE_MESSAGE),
    password: z.string().min(1).max(200),
  })
  .strict();
