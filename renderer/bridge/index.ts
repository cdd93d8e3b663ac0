import type { ChannelName, RequestOf, ResponseOf, TaplineBridge } from '../../shared/ipc';
import { IpcFailure } from '../../shared/ipc/failure';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    tapline?: TaplineBridge;
  }
  // The preload exposes it on the window, which is a page's global object.
  var tapline: TaplineBridge | undefined;
}

/** Under Electron the preload provides the bridge; in a browser the web host's client does. */
export const bridge: TaplineBridge = globalThis.tapline ?? createWebBridge();

/** Calls a channel and returns its value, or throws IpcFailure carrying the typed error. */
export async function call<C extends ChannelName>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await bridge.invoke(channel, request);
  if (!result.ok) throw new IpcFailure(result.error);
  return result.value;
}
