import { describe, expect, it } from 'vitest';
import { leakAdjustment } from '../../../shared/collections/adjustments';
import { getCollectionPolicy } from '../../../shared/collections/policies';
import { ruleText } from '../../../shared/collections/text';
import { plainDate } from '../../../shared/dates';
import { formatValue } from '../../../shared/flows/template';
import { variableSpec } from '../../../shared/flows/variables';
import { resources } from '../../../shared/i18n';
import { unitLabel, units } from '../../../shared/rates/units';

const philadelphia = getCollectionPolicy('philadelphia-water-pa')!;

/**
 * A unit reads one way wherever it shows: the label of rates:units (Mcf, CCF, kWh), whether the
 * code comes lower case from a profile (mcf) or as a bill prints it (Mcf).
 */
describe('units read as the bill writes them', () => {
  it('has a label for every unit in both languages', () => {
    for (const lang of ['en', 'es'] as const)
      for (const u of units)
        expect(
          (resources[lang].rates.units as Record<string, string>)[u],
          `${lang} ${u}`,
        ).toBeTruthy();
    expect(units.map((u) => unitLabel(u, 'en'))).toEqual([
      'CCF',
      'HCF',
      'thousand gallons',
      'Mcf',
      'kL',
      'kWh',
    ]);
  });

  it('reads mcf and Mcf alike', () => {
    expect([unitLabel('mcf', 'en'), unitLabel('Mcf', 'es'), unitLabel('MCF', 'en')]).toEqual([
      'Mcf',
      'Mcf',
      'Mcf',
    ]);
  });

  it('a script prompt reads the bill’s unit as its label', () => {
    const spec = variableSpec('bill.unit')!;
    expect(formatValue(spec.type, 'mcf', 'en')).toBe('Mcf');
    expect(formatValue(spec.type, 'kgal', 'es')).toBe('miles de galones');
  });

  it('the leak credit names the unit of the normal use', () => {
    const decision = leakAdjustment(
      philadelphia,
      {
        leakUsage: '0.5',
        history: ['0.6', '0.65', '0.64'],
        unit: 'mcf',
        ratePerUnit: '45.99',
        proofOfRepair: true,
        previousLeakAdjustments: [],
      },
      'agent',
      plainDate('2026-11-24'),
    );
    const amount = decision.rules.find((r) => r.id === 'leak-amount')!;
    expect(ruleText(amount, 'en')).toBe(
      "The leak period's use is not above the normal use of 0.63 Mcf.",
    );
    expect(ruleText(amount, 'es')).toBe(
      'El consumo del período de la fuga no supera el consumo normal de 0.63 Mcf.',
    );
  });
});
