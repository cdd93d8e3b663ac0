/** The open-case form on the account's follow-up tab: Ctrl+Alt+C focuses its first field. */
export const OPEN_CASE_FORM = 'case-open-form';

/** Focuses the open-case form's description (the tab must be showing). */
export function focusOpenCase(): void {
  document.querySelector<HTMLElement>(`#${OPEN_CASE_FORM} textarea`)?.focus();
}
