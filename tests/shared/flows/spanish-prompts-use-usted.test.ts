import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LIBRARY_DIR } from './support';

/**
 * The familiar register (tú, and vosotros) a script could slip into. Spanish marks it on the
 * pronoun and on the verb: the pronouns and possessives, the present and subjunctive of the
 * verbs a call uses, the affirmative imperatives (with or without a pronoun attached), the
 * preterite in -aste/-iste and the vosotros endings. Forms that are also a third person (usted
 * mira, se oye, ustedes ven) or a noun (cuentas, pagas) cannot tell the registers apart and are
 * not listed.
 */
const TU_WORDS = new Set(
  `tú tu tus te ti contigo tuyo tuya tuyos tuyas vos vosotros vosotras os
  tienes puedes quieres necesitas eres estás sabes vas haces debes deseas prefieres vives
  recibes ves dices has vienes pides usas entiendes recuerdas conoces buscas esperas piensas
  crees sientes das pones traes oyes hablas tomas gastas mandas envías escribes lees
  tengas puedas quieras necesites estés seas sepas hagas vayas preocupes cuelgues olvides
  dime dame dile déjame espérame llámame permíteme ayúdame cuéntame confírmame explícame
  repíteme dímelo haz pon ten inscríbete muévete ofrécete`
    .split(/\s+/)
    .filter(Boolean),
);

/** Preterites of tú end in -aste or -iste; these words only look like one. */
const NOT_PRETERITE = new Set(['contraste', 'desgaste', 'traste', 'triste', 'chiste', 'quiste']);

/** The words of a Spanish text that speak to the listener as tú (or vosotros). */
function familiarForms(text: string): string[] {
  const words = text.replace(/\{\{[^}]*\}\}/g, ' ').match(/\p{L}+/gu) ?? [];
  return words.filter((word) => {
    const w = word.toLowerCase();
    // An acronym (TI, the IT department) is not a pronoun.
    if (TU_WORDS.has(w)) return word !== word.toUpperCase() || word.length > 3;
    if (NOT_PRETERITE.has(w)) return false;
    if (/aste$/.test(w) || /(?<![sx])iste$/.test(w)) return true;
    // vosotros: tenéis, podéis, estáis.
    if (/(áis|éis)$/.test(w)) return true;
    // A reflexive imperative of an -ar verb: fíjate, asegúrate, comunícate, quédate.
    return /[áéíóú]\p{L}*ate$/u.test(w);
  });
}

/** Every string of one language in a parsed flow file, with where it is. */
function* textsIn(node: unknown, locale: 'en' | 'es', path: string): Generator<[string, string]> {
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) yield* textsIn(v, locale, `${path}[${i}]`);
  } else if (node && typeof node === 'object') {
    const stepId = (node as { id?: unknown }).id;
    const here = typeof stepId === 'string' && path.endsWith(']') ? `${path}(${stepId})` : path;
    for (const [key, value] of Object.entries(node)) {
      if (key === locale && typeof value === 'string') yield [`${here}.${locale}`, value];
      else yield* textsIn(value, locale, `${here}.${key}`);
    }
  }
}

function* localeStrings(node: unknown, path: string): Generator<[string, string]> {
  if (typeof node === 'string') yield [path, node];
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) yield* localeStrings(value, `${path}.${key}`);
}

describe('the familiar register is caught', () => {
  it('in the forms a script could slip into', () => {
    expect(familiarForms('¿Tienes tu número de cuenta? Si puedes, dime tu dirección.')).toEqual([
      'Tienes',
      'tu',
      'puedes',
      'dime',
      'tu',
    ]);
    expect(familiarForms('¿Ya pagaste la factura? ¿Recibiste el aviso?')).toEqual([
      'pagaste',
      'Recibiste',
    ]);
    expect(familiarForms('Fíjate en la lectura y asegúrate de cerrar la llave.')).toEqual([
      'Fíjate',
      'asegúrate',
    ]);
    expect(familiarForms('No te preocupes: ¿quieres que te llame? ¿Estás en casa?')).toEqual([
      'te',
      'preocupes',
      'quieres',
      'te',
      'Estás',
    ]);
    expect(familiarForms('¿Necesitas ayuda? Eres el titular. ¿Tenéis el aviso?')).toEqual([
      'Necesitas',
      'Eres',
      'Tenéis',
    ]);
  });

  it('and not in the formal register, nor in nouns that only look alike', () => {
    for (const formal of [
      '¿Tiene su número de cuenta? Si puede, dígame su dirección.',
      '¿Ya pagó la factura? ¿Recibió el aviso? Fíjese en la lectura y asegúrese de cerrar la llave.',
      'No se preocupe: ¿quiere que le llame? ¿Está en casa? Permítame un momento.',
      'Existe un límite; consiste en tres cuotas. Un intérprete le ayudará. Consulte a TI.',
      'Varias cuentas usan el {{phone}}: no se oye nada del otro lado.',
    ])
      expect(familiarForms(formal), formal).toEqual([]);
  });
});

describe('Spanish speaks to the customer as usted', () => {
  const files = readdirSync(LIBRARY_DIR).filter((f) => /\.ya?ml$/.test(f));

  it('in every Spanish string of every flow of the library', () => {
    let spanish = 0;
    let english = 0;
    const familiar: string[] = [];
    for (const file of files) {
      const flow = parse(readFileSync(join(LIBRARY_DIR, file), 'utf8'));
      english += [...textsIn(flow, 'en', file)].length;
      for (const [where, text] of textsIn(flow, 'es', file)) {
        spanish++;
        const found = familiarForms(text);
        if (found.length) familiar.push(`${where}: ${found.join(', ')} — ${text}`);
      }
    }
    expect(familiar).toEqual([]);
    // Every text was read: as many Spanish strings as English ones, in all twelve flows.
    expect(files).toHaveLength(12);
    expect(spanish).toBe(english);
    expect(spanish).toBeGreaterThan(300);
  });

  it('in every Spanish string of the desktop', () => {
    const dir = 'shared/i18n/locales/es';
    const familiar: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const resources = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      for (const [where, text] of localeStrings(resources, file)) {
        const found = familiarForms(text);
        if (found.length) familiar.push(`${where}: ${found.join(', ')} — ${text}`);
      }
    }
    expect(familiar).toEqual([]);
  });
});
