import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../electron/web/host';
import { testServices } from '../../support/desk';

let services: Awaited<ReturnType<typeof testServices>>;
let host: WebHost;

beforeAll(async () => {
  services = await testServices({ accounts: 5 });
  host = await startWebHost({
    registry: services.registry,
    staticDir: resolve('renderer'),
    port: 0,
  });
});

afterAll(async () => {
  await host.close();
  await services.dispose();
});

function connect(opts: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const token = opts.token ?? host.token;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${encodeURIComponent(token)}`, {
    origin: opts.origin ?? `http://127.0.0.1:${host.port}`,
  });
  return new Promise((res, rej) => {
    ws.once('open', () => res(ws));
    ws.once('unexpected-response', (_req, response) => rej(new Error(String(response.statusCode))));
    ws.once('error', rej);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((res) => ws.once('message', (data) => res(JSON.parse(data.toString()))));
}

/** Sends one message and resolves with the next response (events in between are skipped). */
function roundTrip(ws: WebSocket, text: string | Buffer): Promise<Record<string, unknown>> {
  return new Promise((res) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in message) return;
      ws.off('message', onMessage);
      res(message);
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

describe('the web host', () => {
  it('refuses a connection without the launch token', async () => {
    await expect(connect({ token: 'guess' })).rejects.toThrow('401');
    await expect(connect({ token: '' })).rejects.toThrow('401');
  });

  it('refuses a connection from another origin, even with the token', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connect({ origin: 'null' })).rejects.toThrow('403');
  });

  it('answers a ping', async () => {
    const ws = await connect();
    const reply = await roundTrip(
      ws,
      JSON.stringify({ id: 7, channel: 'app.ping', payload: { nonce: 'n' } }),
    );
    expect(reply).toMatchObject({ id: 7, ok: true, value: { nonce: 'n' } });
    ws.close();
  });

  it('answers a few hundred random payloads with typed errors and keeps answering', async () => {
    const ws = await connect();
    const anyMessage = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ id: 1, channel: 'settings.set', payload: v })),
      fc
        .record({
          id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
          channel: fc.oneof(fc.constantFrom('app.ping', 'settings.set', 'app.info'), fc.string()),
          payload: fc.anything(),
        })
        .map((m) => JSON.stringify(m)),
      fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    );
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(anyMessage, async (message) => {
        const reply = await roundTrip(ws, message);
        answered++;
        expect(typeof reply.ok).toBe('boolean');
        if (reply.ok === false) {
          const error = reply.error as Record<string, unknown>;
          expect(typeof error.code).toBe('string');
          expect(String(error.messageKey)).toMatch(/^errors:/);
        }
      }),
      { numRuns: 400 },
    );
    expect(answered).toBe(400);
    const reply = await roundTrip(
      ws,
      JSON.stringify({ id: 9, channel: 'app.ping', payload: { nonce: 'still' } }),
    );
    expect(reply).toMatchObject({ id: 9, ok: true });
    ws.close();
  });

  it('answers too_large to an oversized message and survives a frame past the socket limit', async () => {
    const ws = await connect();
    const big = JSON.stringify({
      id: 3,
      channel: 'app.ping',
      payload: { nonce: 'x'.repeat(400_000) },
    });
    expect(await roundTrip(ws, big)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const closed = new Promise((res) => ws.once('close', res));
    ws.send('y'.repeat(5 * 1024 * 1024));
    await closed;
    const again = await connect();
    const reply = await roundTrip(
      again,
      JSON.stringify({ id: 1, channel: 'app.ping', payload: { nonce: 'ok' } }),
    );
    expect(reply).toMatchObject({ ok: true });
    again.close();
  });

  it('forwards main-side events to connected renderers', async () => {
    const ws = await connect();
    const event = nextMessage(ws);
    await roundTrip(
      ws,
      JSON.stringify({ id: 1, channel: 'settings.set', payload: { locale: 'es' } }),
    ).catch(() => {});
    expect(await event).toMatchObject({ event: 'settings.changed', payload: { locale: 'es' } });
    ws.close();
  });
});
