import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../electron/services/csp';
import { HandlerRegistry } from '../../../../electron/services/registry';
import {
  telephonyFromEnv,
  telephonySources,
} from '../../../../electron/services/softphone/telephony-config';
import { startWebHost } from '../../../../electron/web/host';

/** The policy as a map of directive → sources. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('what the renderer may reach, by softphone mode', () => {
  it('is the simulator unless TAPLINE_TELEPHONY=twilio, with Twilio’s US edges then roaming', () => {
    expect(telephonyFromEnv({})).toEqual({
      mode: 'simulator',
      edges: ['ashburn', 'umatilla', 'roaming'],
      home: 'us1',
    });
    expect(
      telephonyFromEnv({ TAPLINE_TELEPHONY: 'twilio', TAPLINE_TWILIO_EDGES: 'dublin, frankfurt' }),
    ).toEqual({ mode: 'twilio', edges: ['dublin', 'frankfurt'], home: 'us1' });
    expect(() => telephonyFromEnv({ TAPLINE_TELEPHONY: 'twillio' })).toThrow(/not twilio/);
    expect(() =>
      telephonyFromEnv({
        TAPLINE_TELEPHONY: 'twilio',
        TAPLINE_TWILIO_EDGES: "ashburn 'unsafe-eval'",
      }),
    ).toThrow(/not a Twilio edge/);
  });

  it('lets the simulator reach nothing remote', () => {
    const csp = directives(contentSecurityPolicy(telephonySources(telephonyFromEnv({}))));
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['media-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
  });

  it('lets Twilio mode reach the Voice SDK’s edges, Insights and sounds, and nothing else', () => {
    const csp = directives(
      contentSecurityPolicy(
        telephonySources(
          telephonyFromEnv({
            TAPLINE_TELEPHONY: 'twilio',
            TAPLINE_TWILIO_EDGES: 'ashburn,roaming',
          }),
        ),
      ),
    );
    expect(csp['connect-src']).toEqual([
      "'self'",
      'wss://voice-js.ashburn.twilio.com',
      'wss://voice-js.roaming.twilio.com',
      'https://eventgw.twilio.com',
      'https://eventgw.us1.twilio.com',
      'https://sdk.twilio.com',
    ]);
    expect(csp['media-src']).toEqual(["'self'", 'https://sdk.twilio.com']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(Object.values(csp).flat()).not.toContain('*');
  });

  it('is sent by the web host as a header, and the page carries no policy of its own to narrow it', async () => {
    expect(readFileSync(resolve('renderer/index.html'), 'utf8')).not.toMatch(
      /http-equiv="Content-Security-Policy"/i,
    );
    for (const mode of ['simulator', 'twilio'] as const) {
      const host = await startWebHost({
        registry: new HandlerRegistry(() => {}),
        staticDir: resolve('renderer'),
        port: 0,
        telephonySources: telephonySources(telephonyFromEnv({ TAPLINE_TELEPHONY: mode })),
      });
      try {
        const header = (await fetch(host.url)).headers.get('content-security-policy') ?? '';
        const connect = directives(header)['connect-src'];
        expect(connect.slice(0, 3)).toEqual([
          "'self'",
          `ws://127.0.0.1:${host.port}`,
          `ws://localhost:${host.port}`,
        ]);
        expect(connect.some((s) => s.includes('twilio.com'))).toBe(mode === 'twilio');
      } finally {
        await host.close();
      }
    }
  });
});
