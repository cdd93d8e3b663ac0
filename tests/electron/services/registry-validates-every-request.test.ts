import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousSession,
  HandlerRegistry,
  parseWireMessage,
} from '../../../electron/services/registry';
import { defaultSettings, IpcFailure, ipcError } from '../../../shared/ipc';
import { testServices } from '../../support/desk';

let shared: Awaited<ReturnType<typeof testServices>>;
beforeAll(async () => {
  shared = await testServices({ accounts: 5 });
});
afterAll(async () => shared?.dispose());
const services = async () => shared;

describe('the handler registry', () => {
  it('answers a valid request with the handler value', async () => {
    const { registry } = await services();
    const result = await registry.dispatch('app.ping', { nonce: 'abc' }, anonymousSession());
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { nonce: string }).nonce).toBe('abc');
  });

  it('refuses an unknown channel with a typed error', async () => {
    const { registry } = await services();
    const result = await registry.dispatch('app.format-disk', {}, anonymousSession());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unknown_channel',
        messageKey: 'errors:unknown_channel',
        details: { channel: 'app.format-disk' },
      },
    });
  });

  it('refuses a body outside the schema and names the field', async () => {
    const { registry } = await services();
    const result = await registry.dispatch('settings.set', { locale: 'fr' }, anonymousSession());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_request');
    expect(JSON.stringify(result.error.details)).toContain('locale');
  });

  it('refuses extra fields (strict schemas)', async () => {
    const { registry } = await services();
    const result = await registry.dispatch(
      'app.ping',
      { nonce: 'a', admin: true },
      anonymousSession(),
    );
    expect(result.ok).toBe(false);
  });

  it('turns a handler crash into `internal` and keeps answering', async () => {
    const logged: string[] = [];
    const registry = new HandlerRegistry((m) => logged.push(m));
    registry.handle('app.ping', () => {
      throw new Error('boom');
    });
    const result = await registry.dispatch('app.ping', { nonce: 'x' }, anonymousSession());
    expect(result).toEqual({ ok: false, error: ipcError('internal') });
    expect(logged).toEqual(['handler app.ping failed']);
  });

  it('passes a domain refusal (IpcFailure) through unchanged', async () => {
    const registry = new HandlerRegistry();
    registry.handle('app.ping', () => {
      throw new IpcFailure(ipcError('rejected', { rule: 'x' }));
    });
    const result = await registry.dispatch('app.ping', { nonce: 'x' }, anonymousSession());
    expect(result).toEqual({ ok: false, error: ipcError('rejected', { rule: 'x' }) });
  });

  it('refuses a handler answer outside the response schema', async () => {
    const registry = new HandlerRegistry();
    registry.handle('app.ping', () => ({ nonce: 42 }) as never);
    const result = await registry.dispatch('app.ping', { nonce: 'x' }, anonymousSession());
    expect(result).toEqual({ ok: false, error: ipcError('bad_response') });
  });

  it('refuses to register a channel twice or one not in the contract', () => {
    const registry = new HandlerRegistry();
    registry.handle('app.ping', (r) => ({ nonce: r.nonce, at: '' }));
    expect(() => registry.handle('app.ping', (r) => ({ nonce: r.nonce, at: '' }))).toThrow(/twice/);
    expect(() => registry.handle('nope' as never, () => ({}) as never)).toThrow(/contract/);
  });

  it('handles every channel of the contract once the app services start', async () => {
    const { registry } = await services();
    expect(registry.unhandled()).toEqual([]);
  });

  it('emits only events that fit their schema', async () => {
    const { registry } = await services();
    const seen: unknown[] = [];
    registry.onEvent((event, payload) => seen.push([event, payload]));
    registry.emit('settings.changed', { ...defaultSettings, locale: 'es' });
    registry.emit('settings.changed', { locale: 'xx' } as never);
    expect(seen).toEqual([['settings.changed', { ...defaultSettings, locale: 'es' }]]);
  });
});

describe('the wire format', () => {
  it('rejects what is not JSON, not an object, or has no numeric id', () => {
    expect(parseWireMessage('nope')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(parseWireMessage('[1,2]')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(parseWireMessage('{"id":"1"}')).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(parseWireMessage('{"id":1,"channel":"app.ping","payload":{}}')).toMatchObject({
      ok: true,
      id: 1,
    });
  });

  it('rejects an oversized message before parsing it', () => {
    const big = JSON.stringify({
      id: 1,
      channel: 'app.ping',
      payload: { nonce: 'x'.repeat(300_000) },
    });
    expect(parseWireMessage(big)).toMatchObject({
      ok: false,
      id: null,
      error: { code: 'too_large' },
    });
  });
});
