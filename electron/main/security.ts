import type { App, Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../services/csp';
import {
  navigationAllowed,
  permissionCheckAllowed,
  permissionRequestAllowed,
  windowOpenDecision,
} from './security-policy';

export { APP_ORIGIN, APP_SCHEME, isAppUrl } from './security-policy';

/** The parts of Electron's Session that hardenSession sets: a real one, or a test's stand-in. */
export type HardenableSession = {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
} & Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/**
 * Electron's security checklist, applied to the default session: CSP on every response,
 * permissions denied but the microphone for our own origin (the decisions of security-policy.ts).
 */
export function hardenSession(
  session: HardenableSession,
  telephonySources: { connect: string[]; media: string[] },
): void {
  const csp = contentSecurityPolicy(telephonySources);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });

  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(
      permissionRequestAllowed({
        permission,
        pageUrl: webContents.getURL(),
        requestingUrl: details.requestingUrl,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    );
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    permissionCheckAllowed(permission, requestingOrigin, details.mediaType),
  );
}

/** No navigation away, no new windows, no webviews, on every web contents the app creates. */
export function hardenApp(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(windowOpenDecision);
  });
}
