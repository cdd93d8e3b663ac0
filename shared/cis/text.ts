import { z } from 'zod';

/** Half of a UTF-16 surrogate pair with no other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a database can keep as it was typed: PostgreSQL refuses a NUL and a broken character. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

export const UNSTORABLE_MESSAGE = 'text with a NUL or a broken character';

/** A string a database can keep (see isStorableText). */
export const storableString = () => z.string().refine(isStorableText, UNSTORABLE_MESSAGE);

/** The path of the first string inside a value that a database could not keep, or null. */
export function unstorablePath(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unstorablePath(v, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = unstorablePath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}
