import type { z } from 'zod';
import { accountChannels, accountEvents } from './channels/account';
import { actionChannels } from './channels/actions';
import { appChannels, appEvents } from './channels/app';
import { cardCaptureChannels } from './channels/card-capture';
import { counterChannels } from './channels/counter';
import { flowsChannels, flowsEvents } from './channels/flows';
import { followUpChannels } from './channels/follow-up';
import { hubChannels, hubEvents } from './channels/hub';
import { softphoneChannels, softphoneEvents } from './channels/softphone';
import { usersChannels } from './channels/users';
import type { ChannelDef } from './define';
import type { IpcResult } from './errors';

/**
 * The whole IPC contract: every request/response channel and every main-to-renderer event.
 * Feature channel files are spread in here; the registry refuses a handler for a name not listed.
 */
export const channels = {
  ...appChannels,
  ...accountChannels,
  ...actionChannels,
  ...cardCaptureChannels,
  ...softphoneChannels,
  ...flowsChannels,
  ...hubChannels,
  ...usersChannels,
  ...followUpChannels,
  ...counterChannels,
} as const satisfies Record<string, ChannelDef>;

export const events = {
  ...appEvents,
  ...accountEvents,
  ...softphoneEvents,
  ...flowsEvents,
  ...hubEvents,
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The bridge the renderer sees as `window.tapline`; the preload and the web client implement it. */
export interface TaplineBridge {
  readonly host: 'electron' | 'web';
  invoke<C extends ChannelName>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** Connection state of the transport (always `open` under Electron). */
  onConnection(listener: (state: 'open' | 'closed') => void): () => void;
}

/** The wire format shared by ipcMain and the web host. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
export interface WireRequest {
  id: number;
  channel: string;
  payload: unknown;
}
export type WireResponse = { id: number | null } & IpcResult<unknown>;
export interface WireEvent {
  event: string;
  payload: unknown;
}
