// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { accountUnder, philadelphiaAccount } from '../support/account';
import { renderWith, tidy } from '../support/render';

const open = (prefill: Record<string, string | number | boolean> = {}) => ({
  panel: 'bill-calculator' as const,
  prefill,
  at: Date.now(),
});
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const choose = (label: string, value: string) =>
  fireEvent.change(select(label), { target: { value } });
const type = (label: string | RegExp, value: string) =>
  fireEvent.change(input(label), { target: { value } });
const options = (label: string) => [...select(label).options].map((o) => o.textContent);

/**
 * Santa Margarita's and Marin's rates come from their OWRS files, whose classes read customer
 * data by name. The panel asks for what the class chosen reads, with labels in the agent's
 * language, and prices it as the command line does (`bill --data rate_class=C2`, ...).
 */
describe('the bill calculator prices every class of the OWRS-based profiles', () => {
  afterEach(tidy);

  it('Santa Margarita commercial: the class from the account, its rate class asked, $107.67 at 20 CCF on a 1" meter', async () => {
    await renderWith(<Panels request={open({ usage: '20', days: '30' })} />, {
      view: accountUnder('santa-margarita-ca', { class: 'commercial', meterSize: '1' }),
    });
    expect(options('Class')).toEqual([
      'Residential',
      'Residential, multi-family',
      'Commercial',
      'Irrigation',
      'Lake fill',
      'District facility',
    ]);
    expect(select('Class').value).toBe('commercial');
    // The account's 1-inch meter, found among the sizes the file writes.
    expect(select('Meter size').value).toBe('1"');
    expect(options('Rate class')).toEqual([
      'Choose…',
      'Class C1',
      'Class C2',
      'Class C3',
      'Class C4',
    ]);
    expect(screen.queryByText(/the bill would be/)).toBeNull();
    choose('Rate class', 'C2');
    expect(screen.getByText('At 20 CCF the bill would be $107.67.')).toBeTruthy();
    // A class that reads no household, area or ET does not ask for them.
    expect(screen.queryByLabelText('People in the household')).toBeNull();
  });

  it('Santa Margarita irrigation: domestic or not, the irrigated area and ET; $49.69 at 12 CCF', async () => {
    await renderWith(<Panels request={open({ usage: '12', days: '30', class: 'irrigation' })} />, {
      view: accountUnder('santa-margarita-ca', { meterSize: '1' }),
    });
    expect(screen.queryByLabelText('Rate class')).toBeNull();
    expect(options('Domestic or non-domestic')).toEqual(['Choose…', 'Domestic', 'Non-domestic']);
    choose('Domestic or non-domestic', 'domestic');
    type('Irrigated area (sq ft)', '3000');
    type('Evapotranspiration (inches)', '5');
    // Budget 0.8 × 5 × 3,000 ÷ 1,200 = 10 CCF: 5 at $1.67, 5 at $1.94, 2 at $2.44, and $26.76.
    expect(screen.getByText('At 12 CCF the bill would be $49.69.')).toBeTruthy();
    choose('Domestic or non-domestic', 'non_domestic');
    // 5 at $1.78, 5 at $2.34, 2 at $2.38, and $26.76.
    expect(screen.getByText('At 12 CCF the bill would be $52.12.')).toBeTruthy();
  });

  it('Santa Margarita residential: the household filled in from the enrolment on file; lake fill asks only the meter', async () => {
    await renderWith(<Panels request={open()} />, {
      view: accountUnder('santa-margarita-ca', {
        meterSize: '3/4',
        enrollments: [
          {
            id: 'e1',
            program: 'sb998-low-income',
            enrolledOn: '2026-03-17',
            status: 'active',
            household: { size: 4, annualIncomeCents: 3_000_000 },
          },
        ],
      }),
    });
    expect(select('Class').value).toBe('residential');
    expect(input('People in the household').value).toBe('4');
    expect(input('Irrigated area (sq ft)').value).toBe('');
    choose('Class', 'LAKEFILL');
    expect(screen.queryByLabelText('People in the household')).toBeNull();
    expect(screen.queryByLabelText('Irrigated area (sq ft)')).toBeNull();
    type(/^Use/, '10');
    // 10 CCF at $1.74, no service charge.
    expect(screen.getByText('At 10 CCF the bill would be $17.40.')).toBeTruthy();
  });

  it('Marin, in Spanish: an institutional account’s water budget asked by name, $345.23 at 50 CCF over 60 days', async () => {
    await renderWith(<Panels request={open({ usage: '50', days: '60' })} />, {
      view: accountUnder('marin-water-ca', { meterSize: '5/8' }),
      locale: 'es',
    });
    expect(options('Clase')).toEqual([
      'Residencial',
      'Residencial, multifamiliar',
      'Comercial',
      'Riego',
      'Institucional',
      'Servicio contra incendios',
      'Agua cruda',
      'Agua reciclada',
    ]);
    expect(screen.getByLabelText('Temporada')).toBeTruthy();
    choose('Clase', 'INSTITUTIONAL');
    expect(screen.queryByLabelText('Temporada')).toBeNull();
    expect(screen.getByText('Obligatorio.')).toBeTruthy();
    type('Presupuesto de agua del período (CCF)', '40');
    // $36.79 service; 34 CCF at $3.98 (85% of 40) and 16 at $10.82.
    expect(screen.getByText('Con 50 CCF la factura sería de $345.23.')).toBeTruthy();
  });

  it('Marin fire service lists only its meters of 2" and up', async () => {
    await renderWith(<Panels request={open({ usage: '0', days: '60', class: 'FIRE_SERVICE' })} />, {
      view: accountUnder('marin-water-ca', { meterSize: '2' }),
    });
    expect(options('Meter size')).toEqual(['2"', '4"', '6"', '8"', '10"']);
    expect(screen.getByText('At 0 CCF the bill would be $32.17.')).toBeTruthy();
  });

  it('a profile with one class asks no class (Philadelphia)', async () => {
    await renderWith(<Panels request={open({ usage: '0.5', days: '30' })} />, {
      view: philadelphiaAccount(),
    });
    expect(screen.queryByLabelText('Class')).toBeNull();
    expect(screen.getByText('At 0.5 Mcf the bill would be $69.15.')).toBeTruthy();
  });
});
