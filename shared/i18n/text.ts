/**
 * Text in a fixed language straight from a namespace's resources, for what is read or sent to a
 * customer (explanations, notices, referrals) from pure code that has no i18next instance.
 */
export type TextParams = Record<string, string | number>;

export function lookup(tree: unknown, key: string): string | null {
  let node: unknown = tree;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : null;
}

export function interpolate(template: string, params: TextParams = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
    params[name] === undefined ? '' : String(params[name]),
  );
}

/** A renderer for one namespace: unknown keys come back as the key, so a gap is visible, not blank. */
export function namespaceText<L extends string>(resources: Record<L, unknown>) {
  return (locale: L, key: string, params: TextParams = {}): string =>
    interpolate(lookup(resources[locale], key) ?? key, params);
}

/**
 * A code as words, for a code the resources do not name (a team or a queue a utility configured,
 * a reason a newer server sends): `care-a` → `Care A`, `personal-time` → `Personal time`. Never
 * the raw kebab-case on a screen.
 */
export function readableCode(code: string): string {
  const words = code.split(/[-_\s]+/).filter(Boolean);
  if (words.length === 0) return code;
  const single = (w: string) => w.length === 1;
  return words
    .map((w, i) => (i === 0 || single(w) ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}
