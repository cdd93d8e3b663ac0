/**
 * The security decisions of the Electron shell, as plain functions over plain values: where the
 * page may go, what may open a window, which permission is granted, which IPC sender is ours.
 * Nothing here imports 'electron', so each decision is tested without the Electron binary;
 * security.ts and ipc.ts wire them to Electron's hooks.
 */

/** The renderer is served from this privileged scheme, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://tapline`;

/**
 * Whether an address is on our origin. Compared by scheme and host, not by `URL.origin`: Node's
 * URL (the main process's) gives every non-special scheme such as app: the opaque origin "null".
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'tapline';
  } catch {
    return false;
  }
}

/** A navigation or a redirect stays inside the app; anything else (a link, a form) is refused. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * No new windows, and no hand-off to the system browser either: nothing leaves the app, whatever
 * the address (our own included: the desktop is one window).
 */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

export interface PermissionRequest {
  /** Electron's permission name: 'media' for getUserMedia, 'notifications', 'geolocation', ... */
  permission: string;
  /** The address of the page whose web contents asked. */
  pageUrl: string;
  /** The address of the frame that asked. */
  requestingUrl: string;
  /** For 'media': the kinds of device asked for ('audio', 'video'). */
  mediaTypes?: readonly string[];
}

/**
 * Only the microphone, only for our own page and frame: a request for the camera, for the camera
 * and the microphone together, or one that does not say which devices it wants is refused.
 */
export function permissionRequestAllowed(request: PermissionRequest): boolean {
  const fromApp = isAppUrl(request.requestingUrl) && isAppUrl(request.pageUrl);
  const types = request.mediaTypes ?? [];
  const microphoneOnly = types.length > 0 && types.every((type) => type === 'audio');
  return fromApp && request.permission === 'media' && microphoneOnly;
}

/**
 * Chromium's synchronous checks (device lists, a granted microphone still granted): 'media' for
 * our own origin (written `app://tapline` or `app://tapline/`), never for the camera.
 */
export function permissionCheckAllowed(
  permission: string,
  requestingOrigin: string,
  mediaType?: string,
): boolean {
  return permission === 'media' && isAppUrl(requestingOrigin) && mediaType !== 'video';
}

/** The frame an IPC message came from, as Electron describes it. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** An IPC message is ours only from the top frame of our own page (not an iframe, not elsewhere). */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
