import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/services/csp';

/** The policy as a map of directive → sources; a directive given twice would be a mistake. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (map.has(name)) throw new Error(`directive twice: ${name}`);
    map.set(name, sources);
  }
  return map;
}

describe('the Content-Security-Policy of the renderer (Electron and the web host)', () => {
  const policy = directives(contentSecurityPolicy());

  it('runs only our own scripts: no inline script, no eval, no remote script', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
  });

  it('allows no inline style, no plugin, no framing either way, no form posting, no <base>', () => {
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('reaches no remote content: images and fonts are ours (or inline data: images)', () => {
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('media-src')).toEqual(["'self'"]);
  });

  it('names no wildcard, unsafe keyword or plain-http source anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, name).not.toMatch(/\*|unsafe|^http:|^ws:/);
      }
    }
  });

  it('adds the sources a host names to connect-src and media-src only', () => {
    const opened = directives(
      contentSecurityPolicy({
        connect: ['wss://chunderw.twilio.com'],
        media: ['https://m.example'],
      }),
    );
    expect(opened.get('connect-src')).toEqual(["'self'", 'wss://chunderw.twilio.com']);
    expect(opened.get('media-src')).toEqual(["'self'", 'https://m.example']);
    for (const name of ['script-src', 'default-src', 'style-src', 'img-src']) {
      expect(opened.get(name), name).toEqual(policy.get(name));
    }
  });
});
