import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n';

type Tree = { [key: string]: string | Tree };

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattens a namespace to `a.b.c` keys, folding plural forms onto their base key. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path.replace(PLURAL, ''), value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

/** Strings that are the same in both languages on purpose (names, codes, units). */
const SAME_IN_BOTH =
  /^(Tapline|OK|(\{\{\s*\w+\s*\}\}|[\s.,:;()%$/+\-–·])+|[\d\s.,:%$/+\-–()]*|[A-Z0-9]{1,6}|[A-Za-z]{1,3}\.?|kWh|CCF|HCF|Mcf|No|Total|Email|PDF|CSV|ASA|AHT|Error)$/;

describe('i18n resources', () => {
  it('have the same namespaces in English and Spanish', () => {
    expect(Object.keys(resources.es).sort()).toEqual(Object.keys(resources.en).sort());
  });

  for (const ns of namespaces) {
    describe(`namespace ${ns}`, () => {
      const en = flatten(resources.en[ns] as Tree);
      const es = flatten(resources.es[ns] as Tree);

      it('has every key in both languages', () => {
        const missingInEs = [...en.keys()].filter((k) => !es.has(k));
        const missingInEn = [...es.keys()].filter((k) => !en.has(k));
        expect({ missingInEs, missingInEn }).toEqual({ missingInEs: [], missingInEn: [] });
      });

      it('uses the same interpolation variables in both languages', () => {
        const mismatched = [...en.keys()].filter(
          (k) => es.has(k) && variables(en.get(k)!).join() !== variables(es.get(k)!).join(),
        );
        expect(mismatched).toEqual([]);
      });

      it('leaves no English text in the Spanish column', () => {
        const untranslated = [...en.keys()].filter(
          (k) => es.get(k) === en.get(k) && !SAME_IN_BOTH.test(en.get(k)!.trim()),
        );
        expect(untranslated).toEqual([]);
      });

      it('has no empty strings', () => {
        const empty = [...en.entries(), ...es.entries()].filter(([, v]) => v.trim() === '');
        expect(empty).toEqual([]);
      });
    });
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('keys used by the renderer', () => {
  it('exist in the English resources (literal keys, in the namespace their useTranslation names)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles('renderer')) {
      const text = readFileSync(file, 'utf8');
      // Which translate function reads which namespace: `const { t } = useTranslation('account')`,
      // `const { t: ta } = useTranslation('account')`; without a name, the common namespace.
      const fns = new Map<string, string>([['t', 'common']]);
      for (const m of text.matchAll(
        /const \{ t(?:: (\w+))?[^}]*\} = useTranslation\((?:'(\w+)')?\)/g,
      )) {
        fns.set(m[1] ?? 't', m[2] ?? 'common');
      }
      for (const [fn, defaultNs] of fns) {
        for (const match of text.matchAll(new RegExp(`\\b${fn}\\(\\s*'([\\w.:-]+)'`, 'g'))) {
          const full = match[1];
          const [ns, key] = full.includes(':') ? full.split(':') : [defaultNs, full];
          const tree = resources.en[ns as keyof typeof resources.en] as Tree | undefined;
          const keys = tree ? flatten(tree) : new Map();
          if (!keys.has(key.replace(PLURAL, ''))) missing.push(`${file}: ${ns}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
