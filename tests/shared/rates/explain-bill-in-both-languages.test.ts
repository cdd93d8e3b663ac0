import { describe, expect, it } from 'vitest';
import { computeBill, describeLine, explainBill, getUtilityProfile } from '../../../shared/rates';

describe('explainBill', () => {
  const bill = computeBill(getUtilityProfile('philadelphia-water-pa')!, {
    meterSize: '5/8',
    usage: '2.5',
    period: { from: '2024-03-01', to: '2024-03-31' },
  });

  it('reads the bill to an English-speaking caller with its amounts and tiers', () => {
    const text = explainBill(bill, 'en');
    expect(text[0]).toBe(
      `Your bill from March 1, 2024 to March 31, 2024, 30 days, comes to $${(bill.totalCents / 100).toFixed(2)}.`,
    );
    expect(text).toContain('Water, tier 1: 2 Mcf at $45.99 per Mcf, $91.98.');
    expect(text).toContain('Water, tier 2: 0.5 Mcf at $42.33 per Mcf, $21.17.');
    expect(text).toContain('Service charge (5/8" meter): $12.10.');
  });

  it('reads it in Spanish, formally, with the same numbers', () => {
    const text = explainBill(bill, 'es');
    expect(text[0]).toMatch(
      /^Su factura del 1 de marzo de 2024 al 31 de marzo de 2024, 30 días, asciende a \$/,
    );
    expect(text).toContain('Agua, nivel 2: 0.5 Mcf a $42.33 por Mcf, $21.17.');
    expect(text.length).toBe(explainBill(bill, 'en').length);
  });

  it('says what it could not include, and labels illustrative rates', () => {
    const pwd = computeBill(getUtilityProfile('portland-water-me')!, {
      meterSize: '5/8',
      usage: 5,
      municipality: 'Westbrook',
    });
    const text = explainBill(pwd, 'en');
    expect(text).toContain(
      'Wastewater for Westbrook is billed by the town, but its rate is not loaded in Tapline yet: it is not included.',
    );
    expect(text.at(-1)).toMatch(/illustrative/);
    expect(describeLine(pwd.lines[0], 'es')).toBe(
      'Cargo al cliente (medidor de 5/8", tarifa ilustrativa)',
    );
  });

  it('shows each part of a split period with its own dates', () => {
    const split = computeBill(getUtilityProfile('alameda-power-ca')!, {
      usage: 400,
      season: 'summer',
      heating: 'gas',
      period: { from: '2023-06-16', to: '2023-07-16' },
    });
    const text = explainBill(split, 'en');
    expect(text).toContain('From June 16, 2023 to June 30, 2023:');
    expect(text).toContain('From July 1, 2023 to July 15, 2023:');
    expect(text).toContain('Energy, tier 1: 123 kWh at $0.12430 per kWh, $15.29.');
  });
});
