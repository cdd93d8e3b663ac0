import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resources } from '../../../shared/i18n';

export type Tree = { [key: string]: string | Tree };
export type Namespace = keyof typeof resources.en;

export const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattens a namespace to `a.b.c` keys, folding plural forms onto their base key. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path.replace(PLURAL, ''), value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Every key of both languages, by namespace. */
export const keysOf = {
  en: new Map(
    Object.keys(resources.en).map((ns) => [ns, flatten(resources.en[ns as Namespace] as Tree)]),
  ),
  es: new Map(
    Object.keys(resources.es).map((ns) => [ns, flatten(resources.es[ns as Namespace] as Tree)]),
  ),
};

/**
 * Strings the same in both languages on purpose: the product's name, units, the language codes
 * the board shows, and the word "No". Anything else identical is English left in Spanish.
 */
export const SAME_IN_BOTH: readonly string[] = [
  'Tapline',
  'CCF',
  'HCF',
  'Mcf',
  'kWh',
  'kL',
  'EN',
  'ES',
  'No',
];

/** No words at all: placeholders, numbers, punctuation. */
const WORDLESS = (text: string) => !/\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));

/** A Spanish value that is the English one, and not on purpose. */
export function leftInEnglish(en: string, es: string): boolean {
  return en === es && !SAME_IN_BOTH.includes(en.trim()) && !WORDLESS(en);
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The translate functions of a renderer file and the namespace each reads. */
export function translateFunctions(text: string): Map<string, string> {
  // `const { t } = useTranslation('account')`, `const { t: ta } = useTranslation('account')`;
  // without a name, the common namespace.
  const fns = new Map<string, string>([['t', 'common']]);
  for (const m of text.matchAll(/const \{ t(?:: (\w+))?[^}]*\} = useTranslation\((?:'(\w+)')?\)/g))
    fns.set(m[1] ?? 't', m[2] ?? 'common');
  return fns;
}
