/**
 * Writes shared/collections/us-holidays.json: the United States and its states out of
 * date-holidays' world data, with the holiday names they refer to, in English and Spanish only.
 * date-holidays-parser reads it as it reads the whole dataset, so the renderer carries 19 KB of
 * holiday data instead of the world's 410 KB (minified). Run after upgrading date-holidays:
 * node scripts/us-holidays.mjs
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { data } from 'date-holidays/data';

export const target = fileURLToPath(
  new URL('../shared/collections/us-holidays.json', import.meta.url),
);
export const command = 'node scripts/us-holidays.mjs';

const COUNTRY = 'US';
/** en, en-us, es, es-us...: the languages the desktop speaks. */
const LANGUAGE = /^(en|es)(-|$)/;

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `node` whose translated names (`name`, `names`) keep English and Spanish only. */
function inOurLanguages(node) {
  if (Array.isArray(node)) return node.map(inOurLanguages);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      (key === 'name' || key === 'names') && isRecord(value)
        ? [key, Object.fromEntries(Object.entries(value).filter(([lang]) => LANGUAGE.test(lang)))]
        : [key, inOurLanguages(value)],
    ),
  );
}

/** Every value of `key` anywhere under `node`. */
function valuesOf(node, key, found = new Set()) {
  if (Array.isArray(node)) for (const item of node) valuesOf(item, key, found);
  else if (isRecord(node))
    for (const [k, value] of Object.entries(node)) {
      if (k === key) found.add(value);
      else valuesOf(value, key, found);
    }
  return found;
}

/** The United States part of date-holidays' data, in the shape date-holidays-parser reads. */
export function usHolidays(world = data) {
  const country = world.holidays[COUNTRY];
  // `_days` borrows another country's rules: it would need that country here too.
  if (valuesOf(country, '_days').size > 0)
    throw new Error(`${COUNTRY} borrows another country's days (_days): copy them too`);
  const referred = valuesOf(country, '_name');
  // The parser names an observed day with the `substitutes` entry.
  referred.add('substitutes');
  const missing = [...referred].filter((name) => !(name in world.names));
  if (missing.length > 0) throw new Error(`names missing from date-holidays: ${missing}`);
  const names = Object.keys(world.names).filter((name) => referred.has(name));
  return {
    version: world.version,
    license: world.license,
    holidays: { [COUNTRY]: inOurLanguages(country) },
    names: Object.fromEntries(names.map((name) => [name, inOurLanguages(world.names[name])])),
  };
}

/** The file's text, as committed. */
export function usHolidaysJson(world = data) {
  return `${JSON.stringify(usHolidays(world), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(target, usHolidaysJson());
  console.log(`wrote ${target}`);
}
