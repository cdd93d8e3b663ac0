// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../../renderer/app/shortcuts';
import { ActionMenu } from '../../../renderer/features/calculators/ActionMenu';
import { PanelHost } from '../../../renderer/features/calculators/PanelHost';
import { panels } from '../../../renderer/features/calculators/panels';
import { useAppStore } from '../../../renderer/store';
import { panelIds } from '../../../renderer/store/ui-slice';
import { philadelphiaAccount } from '../support/account';
import { renderWith, tidy } from '../support/render';

function Workspace() {
  return (
    <>
      <ActionMenu />
      <PanelHost />
    </>
  );
}

describe('opening the calculators and action panels', () => {
  let uninstall: () => void;
  beforeEach(() => {
    uninstall = installShortcutListener();
  });
  afterEach(() => {
    uninstall();
    tidy();
  });

  it('gives every panel its own letter', () => {
    expect(panels.map((p) => p.id).sort()).toEqual([...panelIds].sort());
    expect(new Set(panels.map((p) => p.key)).size).toBe(panels.length);
  });

  it('opens the menu with Ctrl+Alt+P and a panel with its letter, focused on its first field', async () => {
    await renderWith(<Workspace />, { view: philadelphiaAccount() });
    fireEvent.keyDown(window, { key: 'p', code: 'KeyP', ctrlKey: true, altKey: true });
    const menu = screen.getByRole('menu', { name: 'Calculators and actions' });
    expect(document.activeElement?.textContent).toContain('Payment arrangement');
    fireEvent.keyDown(menu, { key: 'b' });
    expect(useAppStore.getState().panelRequest?.panel).toBe('bill-calculator');
    // The first panel loads the panels' chunk (rates, policies, the holiday calendar): on a busy
    // machine that takes longer than findBy's default second. The focus is checked once it shows.
    const usage = (await screen.findByLabelText(
      'Use (Mcf)',
      {},
      { timeout: 15_000 },
    )) as HTMLInputElement;
    expect(document.activeElement).toBe(usage);
    expect(screen.queryByRole('menu')).toBeNull();
    // Esc closes the panel.
    fireEvent.keyDown(usage, { key: 'Escape' });
    expect(useAppStore.getState().panelRequest).toBeNull();
  });

  it('opens the panel a script asks for, with the values it gives', async () => {
    await renderWith(<Workspace />, { view: philadelphiaAccount() });
    useAppStore.getState().openPanel('service-order', {
      type: 'meter-test',
      notes: 'Caller reports the meter spins with taps off.',
      preferredDate: '2099-03-03',
    });
    const kind = (await screen.findByLabelText('Kind of order')) as HTMLSelectElement;
    expect(kind.value).toBe('meter-test');
    expect((screen.getByLabelText('Notes for the crew') as HTMLTextAreaElement).value).toBe(
      'Caller reports the meter spins with taps off.',
    );
    expect((screen.getByLabelText('Day the customer asks for') as HTMLInputElement).value).toBe(
      '2099-03-03',
    );
    // Asking again with other values builds the panel again with them.
    useAppStore.getState().openPanel('service-order', { type: 'reread' });
    await screen.findByDisplayValue('Meter reread');
  });

  it('shows a prefilled value that does not parse with the field’s error, in numbers as the agent reads them', async () => {
    await renderWith(<Workspace />, { view: philadelphiaAccount() });
    useAppStore.getState().openPanel('bill-calculator', { meterSize: 7, usage: 'lots' });
    const usage = (await screen.findByLabelText('Use (Mcf)')) as HTMLInputElement;
    expect(usage.value).toBe('lots');
    expect(screen.getByText('Enter a number from 0 to 1,000,000.')).toBeTruthy();
  });
});
