import { describe, expect, it } from 'vitest';
import { type HardenableSession, hardenSession } from '../../../electron/main/security';
import {
  permissionCheckAllowed,
  permissionRequestAllowed,
} from '../../../electron/main/security-policy';

const APP_PAGE = 'app://tapline/index.html';

type RequestHandler = (
  webContents: { getURL(): string },
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type CheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: Record<string, unknown>,
) => boolean;
type HeadersHandler = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

/** A session as hardenSession sees it: keeps the handlers it is given. */
function hardenedSession(sources = { connect: [] as string[], media: [] as string[] }) {
  const set: { request?: RequestHandler; check?: CheckHandler; headers?: HeadersHandler } = {};
  const session = {
    webRequest: { onHeadersReceived: (h: HeadersHandler) => (set.headers = h) },
    setPermissionRequestHandler: (h: RequestHandler) => (set.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => (set.check = h),
  };
  hardenSession(session as unknown as HardenableSession, sources);
  const { request, check, headers } = set;
  if (!request || !check || !headers) throw new Error('hardenSession left a handler unset');
  return {
    /** What the request handler answers for a page at `pageUrl`. */
    ask(permission: string, pageUrl: string, details: Record<string, unknown>): boolean {
      let granted: boolean | undefined;
      request({ getURL: () => pageUrl }, permission, (g) => (granted = g), details);
      if (granted === undefined) throw new Error('the request handler never answered');
      return granted;
    },
    check: (permission: string, origin: string, details: Record<string, unknown> = {}) =>
      check(null, permission, origin, { isMainFrame: true, ...details }),
    headers(responseHeaders: Record<string, string[]>) {
      let out: Record<string, string[]> | undefined;
      headers({ responseHeaders }, (r) => (out = r.responseHeaders));
      return out;
    },
  };
}

describe('permission requests', () => {
  const microphone = { permission: 'media', pageUrl: APP_PAGE, requestingUrl: APP_PAGE };

  it('grant the microphone to our own page', () => {
    expect(permissionRequestAllowed({ ...microphone, mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuse the camera, the camera with the microphone, and a media request naming no device', () => {
    expect(permissionRequestAllowed({ ...microphone, mediaTypes: ['video'] })).toBe(false);
    expect(permissionRequestAllowed({ ...microphone, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(permissionRequestAllowed({ ...microphone, mediaTypes: [] })).toBe(false);
    expect(permissionRequestAllowed(microphone)).toBe(false);
  });

  it('refuse the microphone to any other origin, framed in our page or not', () => {
    const elsewhere = 'https://example.com/';
    expect(
      permissionRequestAllowed({ ...microphone, requestingUrl: elsewhere, mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(
      permissionRequestAllowed({ ...microphone, pageUrl: elsewhere, mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(
      permissionRequestAllowed({
        permission: 'media',
        pageUrl: 'file:///index.html',
        requestingUrl: 'file:///index.html',
        mediaTypes: ['audio'],
      }),
    ).toBe(false);
  });

  it('refuse every other permission, even to our own page', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'display-capture',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'midiSysex',
      'speaker-selection',
      'unknown',
    ]) {
      expect(permissionRequestAllowed({ ...microphone, permission }), permission).toBe(false);
    }
  });

  it('are answered through the session’s request handler as decided', () => {
    const session = hardenedSession();
    const ours = { requestingUrl: APP_PAGE, isMainFrame: true };
    expect(session.ask('media', APP_PAGE, { ...ours, mediaTypes: ['audio'] })).toBe(true);
    expect(session.ask('media', APP_PAGE, { ...ours, mediaTypes: ['video'] })).toBe(false);
    expect(session.ask('media', APP_PAGE, ours)).toBe(false);
    expect(session.ask('notifications', APP_PAGE, ours)).toBe(false);
    expect(
      session.ask('media', 'https://example.com/', {
        requestingUrl: 'https://example.com/',
        isMainFrame: true,
        mediaTypes: ['audio'],
      }),
    ).toBe(false);
  });
});

describe('permission checks', () => {
  it('allow media for our origin, however Chromium writes it, but not the camera', () => {
    expect(permissionCheckAllowed('media', 'app://tapline')).toBe(true);
    expect(permissionCheckAllowed('media', 'app://tapline/', 'audio')).toBe(true);
    expect(permissionCheckAllowed('media', 'app://tapline/', 'unknown')).toBe(true);
    expect(permissionCheckAllowed('media', 'app://tapline/', 'video')).toBe(false);
  });

  it('refuse other origins and other permissions', () => {
    expect(permissionCheckAllowed('media', 'https://example.com')).toBe(false);
    expect(permissionCheckAllowed('media', 'null')).toBe(false);
    expect(permissionCheckAllowed('notifications', 'app://tapline')).toBe(false);
    expect(permissionCheckAllowed('geolocation', 'app://tapline/')).toBe(false);
  });

  it('are answered through the session’s check handler as decided', () => {
    const session = hardenedSession();
    expect(session.check('media', 'app://tapline/', { mediaType: 'audio' })).toBe(true);
    expect(session.check('media', 'app://tapline/', { mediaType: 'video' })).toBe(false);
    expect(session.check('media', 'https://example.com/', { mediaType: 'audio' })).toBe(false);
    expect(session.check('hid', 'app://tapline/')).toBe(false);
  });
});

describe('response headers', () => {
  it('carry our Content-Security-Policy on every response, replacing none of the others', () => {
    const headers = hardenedSession().headers({ 'Content-Type': ['text/html'] });
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    const [csp] = headers?.['Content-Security-Policy'] ?? [];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self';");
  });

  it('open the policy to the telephony sources they are given, and to no others', () => {
    const headers = hardenedSession({
      connect: ['wss://voice-js.roaming.twilio.com'],
      media: ['https://sdk.twilio.com'],
    }).headers({});
    const [csp] = headers?.['Content-Security-Policy'] ?? [];
    expect(csp).toContain("connect-src 'self' wss://voice-js.roaming.twilio.com;");
    expect(csp).toContain("media-src 'self' https://sdk.twilio.com;");
  });
});
