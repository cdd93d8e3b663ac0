import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resources } from '../../../shared/i18n';
import { flatten, type Tree } from './support';

/**
 * The Spanish column reads one way throughout: language names in lower case inside a sentence
 * (Spanish does not capitalise them), one spelling of "período", and the keycaps of a Spanish
 * keyboard (Intro, Retroceso, Mayús, Supr), never the English names.
 */
const LANGUAGE_NAMES = /(Inglés|Español|Francés|Chino|Vietnamita|Portugués)/;
/** A capital is right at the start of a text or a sentence, after an opening mark or a bullet. */
const MID_SENTENCE = new RegExp(
  `(?<![.!?:;¿¡«"“(·—–-]\\s*)(?<=\\S\\s+)${LANGUAGE_NAMES.source}`,
  'g',
);
const OTHER_SPELLING = /\b[Pp]eriodos?\b/g;
const ENGLISH_KEYCAPS = /\b(Enter|Backspace|Shift|Space|Delete|Escape|Return)\b/g;

/** Every Spanish string: the screen's resources and the library flows' prompts. */
function spanishTexts(): [string, string][] {
  const fromResources = Object.entries(resources.es).flatMap(([ns, tree]) =>
    [...flatten(tree as Tree)].map(([key, value]): [string, string] => [`${ns}:${key}`, value]),
  );
  const dir = 'shared/flows/library';
  const fromFlows: [string, string][] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) for (const [i, n] of node.entries()) walk(n, `${where}[${i}]`);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node))
        if (k === 'es' && typeof v === 'string') fromFlows.push([`${where}.es`, v]);
        else walk(v, `${where}.${k}`);
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')))
    walk(parse(readFileSync(join(dir, file), 'utf8')), file);
  return [...fromResources, ...fromFlows];
}

const offending = (pattern: RegExp) =>
  spanishTexts()
    .filter(([, text]) => [...text.matchAll(pattern)].length > 0)
    .map(([where, text]) => `${where}: ${text}`);

describe('the Spanish column reads one way', () => {
  it('reads every resource and library prompt', () => {
    expect(spanishTexts().length).toBeGreaterThan(1500);
  });

  it('writes language names in lower case inside a sentence', () => {
    expect('Leerla en Inglés'.match(MID_SENTENCE)).toEqual(['Inglés']);
    expect('Inglés'.match(MID_SENTENCE)).toBeNull();
    expect(offending(MID_SENTENCE)).toEqual([]);
  });

  it('spells "período" one way', () => {
    expect(offending(OTHER_SPELLING)).toEqual([]);
  });

  it('names keys as a Spanish keyboard does', () => {
    expect(offending(ENGLISH_KEYCAPS)).toEqual([]);
  });
});
