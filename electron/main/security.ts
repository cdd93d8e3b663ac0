import type { App, Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../services/csp';

/** The renderer is served from this privileged scheme, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://tapline`;

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Electron's security checklist, applied to the default session and every web contents:
 * CSP on every response, permissions denied but the microphone for our own origin,
 * no navigation, no new windows, no webviews.
 */
export function hardenSession(
  session: Session,
  telephonySources: { connect: string[]; media: string[] },
): void {
  const csp = contentSecurityPolicy(telephonySources);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });

  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const fromApp = isAppUrl(details.requestingUrl) && isAppUrl(webContents.getURL());
    const audioOnly =
      permission === 'media' &&
      (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'audio') !== false;
    callback(fromApp && audioOnly);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return permission === 'media' && requestingOrigin === APP_ORIGIN;
  });
}

export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No new windows, and no hand-off to the system browser either: nothing leaves the app.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
