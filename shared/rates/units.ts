import type { AppLocale } from '../i18n/format';
import en from '../i18n/locales/en/rates.json';
import es from '../i18n/locales/es/rates.json';
import { lookup } from '../i18n/text';
import { Dec, type DecValue } from '../money';

/**
 * Units of consumption as bills write them. CCF and HCF are the same hundred cubic feet;
 * Mcf is a thousand cubic feet; kgal a thousand gallons; kL a kilolitre (a cubic metre, as
 * the one Australian OWRS file bills). Electricity is in kWh.
 */
export const units = ['ccf', 'hcf', 'kgal', 'mcf', 'kl', 'kwh'] as const;
export type Unit = (typeof units)[number];

/** Gallons in one cubic foot, as US utilities publish it (1 CCF = 748 gallons). */
const GALLONS_PER_CUBIC_FOOT = new Dec('7.48');

/** Cubic metres in one cubic foot: the foot is exactly 0.3048 m. */
const CUBIC_METRES_PER_CUBIC_FOOT = new Dec('0.3048').pow(3);

/** How many cubic feet one unit holds (water units only). */
const cubicFeet: Record<Exclude<Unit, 'kwh'>, Dec> = {
  ccf: new Dec(100),
  hcf: new Dec(100),
  mcf: new Dec(1000),
  kgal: new Dec(1000).dividedBy(GALLONS_PER_CUBIC_FOOT),
  kl: new Dec(1).dividedBy(CUBIC_METRES_PER_CUBIC_FOOT),
};

/** A unit as bills write it (Mcf, CCF, kWh), in `locale`: the one label of rates:units. */
export function unitLabel(unit: string, locale: AppLocale): string {
  return lookup({ en, es }[locale], `units.${unit.toLowerCase()}`) ?? unit;
}

export function isUnit(text: string): text is Unit {
  return (units as readonly string[]).includes(text);
}

/** Converts an exact quantity between units; electricity converts only to itself. */
export function convertUsage(quantity: DecValue, from: Unit, to: Unit): Dec {
  const q = new Dec(quantity);
  if (from === to) return q;
  if (from === 'kwh' || to === 'kwh') {
    throw new RangeError(`cannot convert ${from} to ${to}`);
  }
  return q.times(cubicFeet[from]).dividedBy(cubicFeet[to]);
}
