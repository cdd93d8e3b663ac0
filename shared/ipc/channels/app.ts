import { z } from 'zod';
import { channel } from '../define';
import { roles } from '../roles';

export const role = z.enum(roles);

export const locale = z.enum(['en', 'es']);
export type Locale = z.infer<typeof locale>;

export const appInfo = z.object({
  name: z.literal('Tapline'),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string(),
  role: role.nullable(),
});
export type AppInfo = z.infer<typeof appInfo>;

/** The most days the cache may keep an account's detail: a year. */
export const MAX_DETAIL_DAYS = 365;

export const settings = z.object({
  /** The language of the agent's screen. */
  locale,
  /** The language prompts are read to the caller in; `auto` follows the caller's preference. */
  promptLocale: z.enum(['auto', 'en', 'es']),
  /** This workstation's microphone and headset for the softphone; null is the system default. */
  audioInput: z.string().max(300).nullable(),
  audioOutput: z.string().max(300).nullable(),
  /** Days the local cache keeps an account's detail (TAPLINE_DETAIL_DAYS, when set, wins). */
  detailDays: z.number().int().min(1).max(MAX_DETAIL_DAYS),
});
export type Settings = z.infer<typeof settings>;

export const defaultSettings: Settings = {
  locale: 'en',
  promptLocale: 'auto',
  audioInput: null,
  audioOutput: null,
  detailDays: 14,
};

export const appChannels = {
  'app.info': channel(z.object({}).strict(), appInfo, ['public']),
  'app.ping': channel(
    z.object({ nonce: z.string().max(64) }).strict(),
    z.object({ nonce: z.string(), at: z.string() }),
    ['public'],
  ),
  'settings.get': channel(z.object({}).strict(), settings, ['public']),
  'settings.set': channel(settings.partial().strict(), settings, ['public']),
} as const;

export const appEvents = {
  'settings.changed': settings,
  'app.notice': z.object({ messageKey: z.string(), level: z.enum(['info', 'warning', 'error']) }),
} as const;
