import { describe, expect, it } from 'vitest';
import { hardenApp } from '../../../electron/main/security';
import {
  isAppUrl,
  navigationAllowed,
  windowOpenDecision,
} from '../../../electron/main/security-policy';

/** A web contents as hardenApp sees it: records its listeners and its window-open handler. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on(name: string, listener: (event: { preventDefault(): void }, url?: string) => void) {
      listeners.set(name, listener);
      return this;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
    /** Fires one of the contents' events; true when the listener prevented it. */
    fire(name: string, url?: string): boolean {
      let prevented = false;
      const listener = listeners.get(name);
      if (!listener) throw new Error(`no listener for ${name}`);
      listener({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open(url: string) {
      if (!openHandler) throw new Error('no window-open handler');
      return openHandler({ url });
    },
  };
}

/** Every web contents the app creates passes through hardenApp's listener. */
function hardenedContents() {
  let created: ((event: unknown, contents: unknown) => void) | undefined;
  const app = {
    on(name: string, listener: (event: unknown, contents: unknown) => void) {
      if (name === 'web-contents-created') created = listener;
      return app;
    },
  };
  hardenApp(app as never);
  const contents = fakeContents();
  if (!created) throw new Error('hardenApp did not listen for new web contents');
  created({}, contents);
  return contents;
}

describe('where the page may go', () => {
  it('knows our origin by scheme and host, not by Node’s opaque origin of app:', () => {
    expect(new URL('app://tapline/index.html').origin).toBe('null');
    expect(isAppUrl('app://tapline/index.html')).toBe(true);
    expect(isAppUrl('app://tapline/')).toBe(true);
    expect(isAppUrl('app://tapline')).toBe(true);
    expect(isAppUrl('app://tapline.example.com/')).toBe(false);
    expect(isAppUrl('app://tapline:8080/')).toBe(false);
    expect(isAppUrl('app://other/')).toBe(false);
    expect(isAppUrl('https://tapline/')).toBe(false);
    expect(isAppUrl('file:///usr/share/tapline/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });

  it('lets a navigation stay inside the app and refuses any other', () => {
    expect(navigationAllowed('app://tapline/index.html#/account/1')).toBe(true);
    expect(navigationAllowed('https://example.com/')).toBe(false);
    expect(navigationAllowed('http://127.0.0.1:4871/')).toBe(false);
    expect(navigationAllowed('javascript:alert(1)')).toBe(false);
    expect(navigationAllowed('data:text/html,<h1>hi</h1>')).toBe(false);
  });

  it('wires the decision to will-navigate and will-redirect on every web contents', () => {
    const contents = hardenedContents();
    expect(contents.fire('will-navigate', 'https://example.com/phish')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://tapline/index.html')).toBe(false);
    expect(contents.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-redirect', 'app://tapline/index.html')).toBe(false);
  });

  it('refuses every webview', () => {
    expect(hardenedContents().fire('will-attach-webview')).toBe(true);
  });

  it('opens no window and hands nothing to the system browser, our own address included', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    const contents = hardenedContents();
    for (const url of ['https://example.com/', 'app://tapline/index.html', 'mailto:a@b.c']) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
  });
});
