// @vitest-environment happy-dom
import '../support/fake-bridge';
import { act, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerShortcuts } from '../../../renderer/app/shortcuts';
import { BillsSection } from '../../../renderer/features/account/sections';
import { RuleList } from '../../../renderer/features/calculators/kit';
import { ShortcutOverlay } from '../../../renderer/features/shell/ShortcutOverlay';
import { useAppStore } from '../../../renderer/store';
import { disconnectionAccountOf, evaluateDisconnection } from '../../../shared/collections';
import { getCollectionPolicy } from '../../../shared/collections/policies';
import { Temporal } from '../../../shared/dates';
import { resources } from '../../../shared/i18n';
import { flatten, type Tree } from '../../shared/i18n/support';
import { philadelphiaAccount } from '../support/account';
import { renderWith, tidy } from '../support/render';
import { pinToday, unpinToday } from './panel-support';

/**
 * English sentences of the screen's resources, as the fragments between their placeholders: any
 * of them on a Spanish screen is English left there. Fragments the Spanish column shares
 * (a name, a unit) are not English.
 */
function englishFragments(): string[] {
  const spanish = Object.values(resources.es)
    .flatMap((tree) => [...flatten(tree as Tree).values()])
    .join('\n');
  return [
    ...new Set(
      Object.values(resources.en)
        .flatMap((tree) => [...flatten(tree as Tree).values()])
        .flatMap((text) => text.split(/\{\{[^}]*\}\}/))
        .map((part) => part.trim())
        .filter((part) => part.split(/\s+/).length >= 3 && !spanish.includes(part)),
    ),
  ];
}

const englishIn = (text: string) => englishFragments().filter((e) => text.includes(e));

describe('a Spanish screen reads in Spanish', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('says that the disconnection rules were not gathered in Spanish, with no English beside it', async () => {
    const view = philadelphiaAccount({ pastDueCents: 12_000, pastDueDays: 40 });
    const policy = getCollectionPolicy(view.utility!.id)!;
    const today = Temporal.Now.plainDateISO();
    const decision = evaluateDisconnection(
      policy,
      disconnectionAccountOf(policy, view.detail!, today),
      today,
      'es',
    );
    await renderWith(<RuleList rules={decision.rules} />, { view, locale: 'es' });
    const list = screen.getByRole('list');
    expect(list.textContent).toContain(
      'Philadelphia Water Department: reglas de corte no recopiladas',
    );
    expect(
      within(list)
        .getByText(/reglas de corte no recopiladas/)
        .getAttribute('lang'),
    ).toBe('es');
    expect(englishIn(list.textContent ?? '')).toEqual([]);
    expect(list.textContent).not.toMatch(/not gathered/);
  });

  it('names the language to read a bill in, in lower case inside the sentence', async () => {
    await renderWith(<BillsSection />, { view: philadelphiaAccount(), locale: 'es' });
    expect(screen.getByRole('button', { name: 'Leerla en inglés' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Leerla en español' })).toBeTruthy();
  });

  it('writes the keycaps of a Spanish keyboard in the shortcut list', async () => {
    const off = registerShortcuts([
      { id: 'next', keys: ['Enter'], labelKey: 'flows:panel.next', run: () => {} },
      { id: 'back', keys: ['Backspace'], labelKey: 'flows:panel.back', run: () => {} },
      { id: 'menu', keys: ['Ctrl+Alt+P'], labelKey: 'calculators:menu.button', run: () => {} },
    ]);
    await renderWith(<ShortcutOverlay />, { locale: 'es' });
    act(() => useAppStore.setState({ shortcutsOpen: true }));
    const inForce = screen.getAllByRole('table')[0];
    const caps = [...inForce.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(caps).toEqual(['Intro', 'Retroceso', 'Ctrl+Alt+P']);
    const all = [...document.querySelectorAll('kbd')].map((k) => k.textContent).join(' ');
    expect(all).not.toMatch(/Enter|Backspace/);
    off();
  });
});
