import { useEffect, useSyncExternalStore } from 'react';

/**
 * Keyboard shortcuts, app-wide. A feature registers its shortcuts while mounted; one capture-phase
 * listener on the window runs them wherever the focus is. Keys are written as shown to the
 * agent: "Ctrl+Alt+L", "F1", "?". Single printable keys without a modifier are ignored while the
 * agent is typing in a field.
 */
export interface Shortcut {
  id: string;
  keys: string[];
  /** How the overlay writes the keys, when the list would be long ("1–9"). */
  display?: string[];
  /** i18n key of what it does, shown in the overlay. */
  labelKey: string;
  /** Where it applies; elsewhere the key does what it normally does. */
  when?(event: KeyboardEvent): boolean;
  run(event: KeyboardEvent): void;
}

interface Combo {
  key: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

export function parseCombo(spec: string): Combo {
  const parts = spec.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return {
    key: key.toLowerCase(),
    ctrl: mods.has('ctrl'),
    alt: mods.has('alt'),
    shift: mods.has('shift'),
  };
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * AltGr typing a character: on Windows it arrives as Ctrl+Alt, so AltGr+2 typing "@" on a Spanish
 * keyboard (AltGr+Q on a Latin American one) must not fire Ctrl+Alt+2. Windows also reports a plain
 * Ctrl+Alt as AltGr on those layouts: where the key types nothing with it (the key is the key's own
 * letter), the shortcut still works.
 */
function typesWithAltGr(combo: Combo, event: KeyboardEvent): boolean {
  if (!event.getModifierState?.('AltGraph')) return false;
  return event.key === 'Dead' || (event.key.length === 1 && event.key.toLowerCase() !== combo.key);
}

export function matches(spec: string, event: KeyboardEvent): boolean {
  const combo = parseCombo(spec);
  const printable = combo.key.length === 1;
  // With Alt on some layouts e.key is a symbol; compare the physical key for letters and digits.
  const eventKey =
    printable && /^[a-z0-9]$/.test(combo.key) && event.code
      ? event.code.replace(/^Key|^Digit/, '').toLowerCase()
      : event.key.toLowerCase();
  if (eventKey !== combo.key) return false;
  if (combo.ctrl !== (event.ctrlKey || event.metaKey)) return false;
  if (combo.alt !== event.altKey) return false;
  if (combo.alt && typesWithAltGr(combo, event)) return false;
  // "?" already implies Shift; only named combos compare Shift.
  if (!(printable && !/^[a-z0-9]$/.test(combo.key)) && combo.shift !== event.shiftKey) return false;
  if (printable && !combo.ctrl && !combo.alt && isTyping(event.target)) return false;
  return true;
}

const registered = new Map<string, Shortcut>();
const subscribers = new Set<() => void>();
let snapshot: Shortcut[] = [];

function publish(): void {
  snapshot = [...registered.values()];
  for (const notify of subscribers) notify();
}

export function registerShortcuts(list: Shortcut[]): () => void {
  for (const s of list) registered.set(s.id, s);
  publish();
  return () => {
    for (const s of list) if (registered.get(s.id) === s) registered.delete(s.id);
    publish();
  };
}

let suspended = 0;

/** No shortcut runs until the returned function is called (the locked screen). */
export function suspendShortcuts(): () => void {
  suspended++;
  let resumed = false;
  return () => {
    if (!resumed) suspended--;
    resumed = true;
  };
}

export function handleKeydown(event: KeyboardEvent): void {
  if (suspended > 0) return;
  for (const shortcut of registered.values()) {
    if (shortcut.keys.some((spec) => matches(spec, event))) {
      if (shortcut.when && !shortcut.when(event)) continue;
      event.preventDefault();
      event.stopPropagation();
      shortcut.run(event);
      return;
    }
  }
}

export function useShortcuts(list: Shortcut[]): void {
  useEffect(() => registerShortcuts(list), [list]);
}

export function useRegisteredShortcuts(): Shortcut[] {
  return useSyncExternalStore(
    (notify) => {
      subscribers.add(notify);
      return () => subscribers.delete(notify);
    },
    () => snapshot,
  );
}

export function installShortcutListener(): () => void {
  window.addEventListener('keydown', handleKeydown, { capture: true });
  return () => window.removeEventListener('keydown', handleKeydown, { capture: true });
}

/**
 * Keys with a name, which the screen's language names its own way on the keycap (Spanish
 * keyboards: Intro, Retroceso, Mayús). Ctrl, Alt, Esc, F1 and characters read the same in both.
 */
export const NAMED_KEYS = ['Enter', 'Backspace', 'Shift', 'Space', 'Delete'] as const;

/** A shortcut's keys as the keycaps of the screen's language: "Ctrl+Alt+P", "Intro". */
export function keycapText(spec: string, t: (key: string) => string): string {
  return spec
    .split('+')
    .map((part) =>
      (NAMED_KEYS as readonly string[]).includes(part) ? t(`common:shortcuts.keys.${part}`) : part,
    )
    .join('+');
}
