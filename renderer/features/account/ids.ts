/** The note box of the open account, focused by Ctrl+Alt+N. */
export const NOTE_INPUT_ID = 'account-note';

/** The note box's refusal, read with the box (aria-describedby). */
export const NOTE_ERROR_ID = 'account-note-error';
