import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Shortcut, useShortcuts } from '../../app/shortcuts';
import { useAppStore } from '../../store';
import { panels } from './panels';

/** The panels that decide or announce a disconnection: nothing to decide without the rules. */
const NEEDS_DISCONNECTION_RULES = new Set(['disconnection', 'notice']);

export const ACTIONS_BUTTON_ID = 'account-actions';

/**
 * The calculators and action panels, one keystroke each: Ctrl+Alt+P opens the menu, the letter
 * shown opens the panel (arrows and Enter work too, Esc closes).
 */
export function ActionMenu() {
  const { t } = useTranslation('calculators');
  const openPanel = useAppStore((s) => s.openPanel);
  const current = useAppStore((s) => s.panelRequest?.panel ?? null);
  // Said in the menu, before the agent opens a panel that could only say no.
  const utility = useAppStore((s) => s.view?.utility ?? null);
  const noRules = utility?.disconnectionRules === false;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        id: 'calculators.menu',
        keys: ['Ctrl+Alt+P'],
        labelKey: 'calculators:shortcuts.menu',
        run: () => {
          setActive(0);
          setOpen(true);
        },
      },
    ],
    [],
  );
  useShortcuts(shortcuts);

  useEffect(() => {
    if (open) menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);

  const choose = (i: number) => {
    setOpen(false);
    openPanel(panels[i].id);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const letter = panels.findIndex((p) => p.key.toLowerCase() === e.key.toLowerCase());
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') setActive((i) => (i + 1) % panels.length);
    else if (e.key === 'ArrowUp') setActive((i) => (i + panels.length - 1) % panels.length);
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(panels.length - 1);
    else if (letter >= 0 && !e.ctrlKey && !e.altKey && !e.metaKey) choose(letter);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="action-menu">
      <button
        ref={button}
        id={ACTIONS_BUTTON_ID}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('menu.button')} <kbd>Ctrl+Alt+P</kbd>
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label={t('menu.label')}
          className="menu"
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
          }}
        >
          {panels.map((p, i) => (
            <button
              key={p.id}
              type="button"
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              aria-current={current === p.id ? 'true' : undefined}
              onClick={() => choose(i)}
            >
              <kbd>{p.key}</kbd> {t(`panels.${p.id}.title`)}
              {noRules && NEEDS_DISCONNECTION_RULES.has(p.id) && (
                <span className="menu-note">{t('noRules.menu')}</span>
              )}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
