import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n';
import {
  flatten,
  leftInEnglish,
  PLURAL,
  sourceFiles,
  type Tree,
  translateFunctions,
} from './support';

const variables = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

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
        const untranslated = [...en.keys()].filter((k) => leftInEnglish(en.get(k)!, es.get(k)!));
        expect(untranslated).toEqual([]);
      });

      it('has no empty strings', () => {
        const empty = [...en.entries(), ...es.entries()].filter(([, v]) => v.trim() === '');
        expect(empty).toEqual([]);
      });
    });
  }
});

describe('keys used by the renderer', () => {
  it('exist in the English resources (literal keys, in the namespace their useTranslation names)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles('renderer')) {
      const text = readFileSync(file, 'utf8');
      for (const [fn, defaultNs] of translateFunctions(text)) {
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
