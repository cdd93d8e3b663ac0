/** The note box of the open account, focused by Ctrl+Alt+N. */
export const NOTE_INPUT_ID = 'account-note';
