/**
 * Every shortcut the desk has, as the shortcut list shows it: those in force now come from the
 * registry (shortcuts.ts), and the rest are listed from here, marked as working elsewhere (with
 * an account open, during a script, on the lead's views). A feature that registers a shortcut
 * adds it here too: tests/renderer/app/shortcut-list-names-every-shortcut fails otherwise.
 */
export interface CatalogShortcut {
  /** The registered shortcut's id, or the prefix of a family's ids (`account.tab` for `account.tab.bills`). */
  id: string;
  keys: string[];
  labelKey: string;
  /** The lead's views: not listed to an agent. */
  lead?: true;
  /** An administrator's views: listed to an administrator only. */
  admin?: true;
}

export const shortcutCatalog: readonly CatalogShortcut[] = [
  { id: 'shell.help', keys: ['?', 'F1'], labelKey: 'shortcuts.showHelp' },
  { id: 'shell.locale', keys: ['Ctrl+Alt+L'], labelKey: 'shortcuts.toggleLocale' },
  { id: 'shell.search', keys: ['Ctrl+Alt+F'], labelKey: 'shortcuts.focusSearch' },
  { id: 'shell.script', keys: ['Ctrl+Alt+S'], labelKey: 'shortcuts.focusScript' },
  { id: 'softphone.answer', keys: ['Ctrl+Alt+A'], labelKey: 'softphone:shortcuts.answer' },
  { id: 'softphone.hangup', keys: ['Ctrl+Alt+H'], labelKey: 'softphone:shortcuts.hangup' },
  { id: 'softphone.hold', keys: ['Ctrl+Alt+O'], labelKey: 'softphone:shortcuts.hold' },
  { id: 'softphone.mute', keys: ['Ctrl+Alt+M'], labelKey: 'softphone:shortcuts.mute' },
  { id: 'softphone.wrapUp', keys: ['Ctrl+Alt+W'], labelKey: 'softphone:shortcuts.wrapUp' },
  { id: 'softphone.ready', keys: ['Ctrl+Alt+R'], labelKey: 'softphone:shortcuts.ready' },
  { id: 'softphone.transfer', keys: ['Ctrl+Alt+T'], labelKey: 'softphone:shortcuts.transfer' },
  { id: 'softphone.keypad', keys: ['Ctrl+Alt+K'], labelKey: 'softphone:shortcuts.keypad' },
  { id: 'counter.open', keys: ['Ctrl+Alt+X'], labelKey: 'counter:desk.shortcut' },
  { id: 'calculators.menu', keys: ['Ctrl+Alt+P'], labelKey: 'calculators:shortcuts.menu' },
  { id: 'account.note', keys: ['Ctrl+Alt+N'], labelKey: 'account:shortcuts.addNote' },
  { id: 'followUp.openCase', keys: ['Ctrl+Alt+C'], labelKey: 'followUp:shortcuts.openCase' },
  { id: 'followUp.myTasks', keys: ['Ctrl+Alt+Y'], labelKey: 'followUp:shortcuts.myTasks' },
  { id: 'account.tab', keys: ['Ctrl+Alt+1–7'], labelKey: 'account:shortcuts.tabs' },
  { id: 'flows.promptLanguage', keys: ['Ctrl+Alt+I'], labelKey: 'flows:shortcuts.promptLanguage' },
  { id: 'flows.next', keys: ['Enter'], labelKey: 'flows:shortcuts.next' },
  { id: 'flows.back', keys: ['Backspace'], labelKey: 'flows:shortcuts.back' },
  { id: 'flows.answer', keys: ['1–9'], labelKey: 'flows:shortcuts.answer' },
  { id: 'board.desk', keys: ['Ctrl+Alt+D'], labelKey: 'board:shortcuts.desk', lead: true },
  { id: 'board.board', keys: ['Ctrl+Alt+B'], labelKey: 'board:shortcuts.board', lead: true },
  { id: 'board.reports', keys: ['Ctrl+Alt+G'], labelKey: 'board:shortcuts.reports', lead: true },
  { id: 'users.open', keys: ['Ctrl+Alt+U'], labelKey: 'users:shortcut', lead: true, admin: true },
  { id: 'approvals.open', keys: ['Ctrl+Alt+Q'], labelKey: 'approvals:shortcut', lead: true },
];

/** Does a registered shortcut's id belong to this catalogue entry (itself, or one of its family)? */
export const inEntry = (entry: CatalogShortcut, id: string) =>
  id === entry.id || id.startsWith(`${entry.id}.`);
