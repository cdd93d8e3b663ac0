import { TRAINING_PASSWORD } from './training-users';

/**
 * The rule every password a person chooses or an administrator sets must meet, with no schema
 * library: the desk's sign-in screen checks it before sending, the server and the command line
 * after.
 */

/** The fewest characters a password may have (NIST SP 800-63B asks at least 8; we ask 12). */
export const MIN_PASSWORD_LENGTH = 12;

export type PasswordProblem = 'tooShort' | 'trainingPassword' | 'sameAsUsername' | 'tooLong';

/** What is wrong with a password for this user, or null: one rule for the CLI, server and desk. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length > 200) return 'tooLong';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  const folded = password.trim().toLowerCase();
  if (folded.includes(TRAINING_PASSWORD)) return 'trainingPassword';
  const name = username.trim().toLowerCase();
  if (name && folded.includes(name)) return 'sameAsUsername';
  return null;
}

/** Each problem in words, for the command line (the desk says them through i18next). */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  tooShort: `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: 'the password must have at most 200 characters',
  trainingPassword: 'the training password cannot be used on a production server',
  sameAsUsername: 'the password must not contain the user name',
};
