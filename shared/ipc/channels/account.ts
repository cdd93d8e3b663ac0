import { z } from 'zod';
import { accountDetail, accountHeader, command, commandOutcome, principal } from '../../cis';
import { channel } from '../define';

export const outboxItem = z.object({
  seq: z.number().int(),
  accountNumber: z.string().nullable(),
  type: z.string(),
  command: command,
  issuedAt: z.string(),
  status: z.enum(['pending', 'applied', 'rejected']),
  result: commandOutcome.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type OutboxItemView = z.infer<typeof outboxItem>;

export const syncStatus = z.object({
  online: z.boolean(),
  pending: z.number().int(),
  lastSyncAt: z.number().nullable(),
  initialLoad: z.object({ loaded: z.number().int(), done: z.boolean() }).nullable(),
  error: z.string().nullable(),
  /** Commands queued by another user of this desktop, sent when that user signs in again. */
  heldForOtherUser: z.number().int().default(0),
});
export type SyncStatusView = z.infer<typeof syncStatus>;

export const searchHit = z.object({
  header: accountHeader,
  match: z.enum(['number', 'phone', 'name', 'address']),
  score: z.number(),
});
export type SearchHitView = z.infer<typeof searchHit>;

export const session = z.object({
  principal: principal.nullable(),
  /** The embedded training CIS: the sign-in screen lists its demo users. */
  training: z.boolean(),
  demoUsers: z.array(z.object({ username: z.string(), name: z.string(), role: z.string() })),
  cisUrl: z.string(),
  /** The identity provider's name when the CIS signs in through one (its button shows), or null. */
  identityProvider: z.string().nullable().optional(),
  /** How the signed-in user signed in: the locked screen asks the same way again. */
  signedInWith: z.enum(['password', 'identityProvider']).nullable().optional(),
  /** Minutes without keyboard or pointer before the desk locks (PCI DSS 8.2.8: at most 15). */
  lockAfterMinutes: z.number().int().min(1).max(15).optional(),
  /** The desk is locked: held here, so reloading the window does not lift the lock. */
  locked: z.boolean().optional(),
});
export type SessionView = z.infer<typeof session>;

/** What the workspace needs of the account's utility profile (its unit, labels, thresholds). */
export const utilitySummary = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  illustrative: z.boolean(),
  effective: z.string(),
  usageThresholds: z.object({ highRatio: z.string(), lowRatio: z.string(), leakRatio: z.string() }),
  /** Where the utility's crews work: appointment windows read in this time zone. */
  timeZone: z.string().optional(),
  /**
   * False where the utility's disconnection rules are not loaded (no shut-off can be decided or
   * scheduled from the desk), so the actions menu says so before the panel opens.
   */
  disconnectionRules: z.boolean().optional(),
});
export type UtilitySummary = z.infer<typeof utilitySummary>;

export const accountView = z.object({
  header: accountHeader,
  utility: utilitySummary.nullable(),
  detail: accountDetail.nullable(),
  /** When the detail was fetched (ms), and whether changes arrived since. */
  fetchedAt: z.number().nullable(),
  stale: z.boolean(),
});
export type AccountView = z.infer<typeof accountView>;

export const accountChannels = {
  'auth.session': channel(z.object({}).strict(), session, ['public']),
  'auth.signIn': channel(
    z
      .object({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) })
      .strict(),
    session,
    ['public'],
  ),
  /** A temporary password (set by an administrator) exchanged for the user's own: signs in. */
  'auth.changePassword': channel(
    z
      .object({
        username: z.string().trim().min(1).max(60),
        password: z.string().min(1).max(200),
        newPassword: z.string().min(1).max(200),
      })
      .strict(),
    session,
    ['public'],
  ),
  'auth.signOut': channel(z.object({}).strict(), session, ['public']),
  /** Through the identity provider: opens its page in a browser, settles once it answered. */
  'auth.providerSignIn': channel(z.object({}).strict(), session, ['public']),
  /** The desk sat idle: locked until `auth.unlock` (or the provider again) or sign-out. */
  'auth.lock': channel(z.object({}).strict(), session, ['agent']),
  /** The locked desk: the signed-in user's password again, checked by the CIS. */
  'auth.unlock': channel(
    z.object({ password: z.string().min(1).max(200) }).strict(),
    z.object({ ok: z.boolean() }),
    ['agent'],
  ),
  'account.search': channel(
    z
      .object({ query: z.string().max(100), limit: z.number().int().min(1).max(100).optional() })
      .strict(),
    /** `more`: accounts beyond `limit` match too (ask again with a larger limit to see them). */
    z.object({ results: z.array(searchHit), more: z.boolean() }),
    ['agent'],
  ),
  'account.byPhone': channel(
    z.object({ phone: z.string().max(40) }).strict(),
    z.object({ results: z.array(accountHeader) }),
    ['agent'],
  ),
  /** The cached account at once; `account.refresh` fetches the detail. */
  'account.open': channel(z.object({ number: z.string().max(20) }).strict(), accountView, [
    'agent',
  ]),
  'account.refresh': channel(z.object({ number: z.string().max(20) }).strict(), accountView, [
    'agent',
  ]),
  'account.addNote': channel(
    z
      .object({ accountNumber: z.string().max(20), text: z.string().trim().min(1).max(4000) })
      .strict(),
    outboxItem,
    ['agent'],
  ),
  'account.outbox': channel(
    z.object({ accountNumber: z.string().max(20).optional() }).strict(),
    z.object({ items: z.array(outboxItem) }),
    ['agent'],
  ),
  'sync.status': channel(z.object({}).strict(), syncStatus, ['public']),
  'sync.now': channel(z.object({}).strict(), syncStatus, ['agent']),
} as const;

export const accountEvents = {
  'sync.status': syncStatus,
  'session.changed': session,
  /** The identity provider's sign-in page, for a host that opens it itself (the web host). */
  'auth.providerPage': z.object({ url: z.string().url().max(4000) }),
  'account.changed': z.object({ numbers: z.array(z.string()) }),
  'command.outcome': z.object({ item: outboxItem, duplicate: z.boolean() }),
} as const;
