// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleKeydown, matches, registerShortcuts } from '../../../renderer/app/shortcuts';

/** A keydown as the browser sends it; AltGr held when `altGraph` is set (Windows: Ctrl+Alt too). */
function key(code: string, keyValue: string, o: { altGraph?: boolean } = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    code,
    key: keyValue,
    ctrlKey: true,
    altKey: true,
    bubbles: true,
    cancelable: true,
  });
  Object.defineProperty(event, 'getModifierState', {
    value: (modifier: string) => modifier === 'AltGraph' && o.altGraph === true,
  });
  return event;
}

describe('Ctrl+Alt shortcuts', () => {
  let off: () => void = () => {};
  afterEach(() => off());

  it('fire on Ctrl+Alt, by the physical key whatever the layout types', () => {
    expect(matches('Ctrl+Alt+M', key('KeyM', 'µ'))).toBe(true);
    expect(matches('Ctrl+Alt+2', key('Digit2', '²'))).toBe(true);
  });

  it('never fire on AltGr typing a character: "@" with 2 on a Spanish keyboard, with Q on a Latin American one', () => {
    const account = vi.fn();
    const mute = vi.fn();
    off = registerShortcuts([
      { id: 'account.2', keys: ['Ctrl+Alt+2'], labelKey: 'k', run: account },
      { id: 'q', keys: ['Ctrl+Alt+Q'], labelKey: 'k', run: mute },
    ]);
    const at = key('Digit2', '@', { altGraph: true });
    handleKeydown(at);
    handleKeydown(key('KeyQ', '@', { altGraph: true }));
    handleKeydown(key('KeyQ', 'Dead', { altGraph: true }));
    expect([account.mock.calls.length, mute.mock.calls.length, at.defaultPrevented]).toEqual([
      0,
      0,
      false,
    ]);
    handleKeydown(key('Digit2', '²'));
    expect(account).toHaveBeenCalledTimes(1);
  });

  it('still fire where Windows reports Ctrl+Alt as AltGr but the key types nothing with it', () => {
    expect(matches('Ctrl+Alt+M', key('KeyM', 'm', { altGraph: true }))).toBe(true);
    expect(matches('Ctrl+Alt+M', key('KeyM', 'µ', { altGraph: true }))).toBe(false);
  });
});
