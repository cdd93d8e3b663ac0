// @vitest-environment happy-dom
import '../support/fake-bridge';
import { readFileSync } from 'node:fs';
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inEntry, shortcutCatalog } from '../../../renderer/app/shortcut-catalog';
import { registerShortcuts } from '../../../renderer/app/shortcuts';
import { ShortcutOverlay } from '../../../renderer/features/shell/ShortcutOverlay';
import { useAppStore } from '../../../renderer/store';
import { sourceFiles } from '../../shared/i18n/support';
import { renderWith, tidy } from '../support/render';

/** Every shortcut a renderer file registers: its id, the keys the list shows, its label. */
function registered() {
  const found: { id: string; keys: string[] | null; labelKey: string; file: string }[] = [];
  const entry =
    /id: ['`]([^'`]+)['`],\s*keys: \[([^\]]*)\],\s*(?:display: \[([^\]]*)\],\s*)?labelKey: '([^']+)'/g;
  const list = (text: string) => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  for (const file of sourceFiles('renderer').filter((f) => f.endsWith('.tsx'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(entry)) {
      const built = m[1].includes('${');
      found.push({
        id: built ? m[1].slice(0, m[1].indexOf('.${')) : m[1],
        // Keys built from a list (Ctrl+Alt+1 to 6) are written as one range in the catalogue.
        keys: m[2].includes('`') ? null : list(m[3] ?? m[2]),
        labelKey: m[4],
        file,
      });
    }
  }
  return found;
}

describe('the shortcut list', () => {
  afterEach(() => {
    tidy();
    useAppStore.setState({ shortcutsOpen: false });
  });

  it('has an entry for every shortcut the desk registers, with its keys and label', () => {
    const shortcuts = registered();
    expect(shortcuts.length).toBeGreaterThan(20);
    const wrong = shortcuts
      .filter((s) => {
        const entry = shortcutCatalog.find((e) => inEntry(e, s.id));
        return (
          !entry ||
          entry.labelKey !== s.labelKey ||
          (s.keys !== null && entry.keys.join() !== s.keys.join())
        );
      })
      .map((s) => `${s.id} (${s.file})`);
    expect(wrong).toEqual([]);
    const stale = shortcutCatalog
      .filter((e) => !shortcuts.some((s) => inEntry(e, s.id)))
      .map((e) => e.id);
    expect(stale).toEqual([]);
  });

  it('gives each key to one shortcut (two features once both took Ctrl+Alt+C)', () => {
    const owners = new Map<string, string[]>();
    for (const e of shortcutCatalog)
      for (const key of e.keys) owners.set(key, [...(owners.get(key) ?? []), e.id]);
    const shared = [...owners]
      .filter(([, ids]) => ids.length > 1)
      .map(([k, ids]) => `${k}: ${ids.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('lists the actions menu (Ctrl+Alt+P) before an account is open, and the lead’s views only to a lead', async () => {
    const off = registerShortcuts([
      { id: 'shell.help', keys: ['?', 'F1'], labelKey: 'shortcuts.showHelp', run: () => {} },
    ]);
    await renderWith(<ShortcutOverlay />, { role: 'agent' });
    act(() => useAppStore.setState({ shortcutsOpen: true }));
    const elsewhere = within(screen.getByRole('table', { name: /Elsewhere in Tapline/ }));
    expect(
      elsewhere.getByRole('row', {
        name: "Ctrl+Alt+P Open the calculators and actions (then the panel's letter)",
      }),
    ).toBeTruthy();
    expect(elsewhere.queryByText('Ctrl+Alt+B')).toBeNull();
    expect(elsewhere.queryByText('F1')).toBeNull();
    tidy();

    await renderWith(<ShortcutOverlay />, { role: 'lead' });
    act(() => useAppStore.setState({ shortcutsOpen: true }));
    expect(screen.getByText('Ctrl+Alt+B')).toBeTruthy();
    off();
  });
});
