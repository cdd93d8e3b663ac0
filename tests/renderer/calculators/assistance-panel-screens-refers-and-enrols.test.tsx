// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { useAppStore } from '../../../renderer/store';
import { philadelphiaAccount } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import { change, panelRequest, pinToday, queueing, refuse, unpinToday } from './panel-support';

const tap = (name: RegExp) => within(screen.getByRole('region', { name }));

/**
 * Philadelphia's Tiered Assistance Program (Philadelphia Code §19-1605): up to 150% of the HHS
 * poverty guideline; at or below 50% of it, a bill of 2.5% of income. The 2026 guideline for
 * three people is $27,320.00, for one $15,960.00.
 */
describe('the assistance screening', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('finds the program a household qualifies for, with the benefit and the referral in both languages', async () => {
    answers['account.command'] = queueing(51);
    await renderWith(
      <Panels request={panelRequest('assistance', { household: 3, income: 20_000 })} />,
      { view: philadelphiaAccount() },
    );
    // $20,000 / $27,320 = 73.2%.
    expect(
      screen.getByText('73.2% of the 2026 poverty guideline ($27,320.00 a year for 3).'),
    ).toBeTruthy();
    const program = tap(/^Tiered Assistance Program/);
    expect(program.getByText('Qualifies', { selector: 'span' })).toBeTruthy();
    // 2.5% of $20,000.00 a year is $500.00, $41.67 a month.
    expect(
      program.getByText('A monthly bill of 2.5% of household income: $41.67 a month.'),
    ).toBeTruthy();
    expect(program.getByText(/^You may qualify for the Tiered Assistance Program/)).toBeTruthy();
    expect(
      program.getByText(/^Usted podría calificar para el Programa de Asistencia/),
    ).toBeTruthy();
    expect(useAppStore.getState().households['PA-1000007']).toEqual({
      size: 3,
      annualIncomeCents: 2_000_000,
    });
    fireEvent.click(
      program.getByRole('button', { name: 'Enroll in Tiered Assistance Program (TAP)' }),
    );
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'enrollAssistance',
          accountNumber: 'PA-1000007',
          program: expect.any(String),
          household: { size: 3, annualIncomeCents: 2_000_000 },
        },
      },
    ]);
    refuse(51, 'cis:rejected.alreadyEnrolled');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The central system refused it: The account is already enrolled in this program.',
    );
  });

  it('reads a monthly income as twelve months', async () => {
    await renderWith(<Panels request={panelRequest('assistance', { household: 3 })} />, {
      view: philadelphiaAccount(),
    });
    change('Household income (dollars)', '2276.67');
    change('Income per', 'month');
    // $2,276.67 × 12 = $27,320.04: just above the guideline.
    expect(
      screen.getByText('100% of the 2026 poverty guideline ($27,320.00 a year for 3).'),
    ).toBeTruthy();
  });

  it('says "just above" the limit when the rounded percent would land on it', async () => {
    // $49,513.20 / $33,000 = 150.04%: a tenth would read "150%", which TAP accepts.
    await renderWith(
      <Panels request={panelRequest('assistance', { household: 4, income: 49_513.2 })} />,
      { view: philadelphiaAccount() },
    );
    expect(
      screen.getByText('Just above 150% of the 2026 poverty guideline ($33,000.00 a year for 4).'),
    ).toBeTruthy();
    const program = tap(/^Tiered Assistance Program/);
    expect(program.getByText('Does not qualify', { selector: 'span' })).toBeTruthy();
    expect(
      program.getByText(
        "Does not qualify: household income is just above the program's limit of 150% of the 2026 poverty guideline.",
      ),
    ).toBeTruthy();
  });

  it('in Spanish: says "apenas por encima" of the limit at 150.04%', async () => {
    await renderWith(
      <Panels request={panelRequest('assistance', { household: 4, income: 49_513.2 })} />,
      { view: philadelphiaAccount(), locale: 'es' },
    );
    expect(
      screen.getByText(
        'Apenas por encima del 150 % de la pauta de pobreza de 2026 ($33,000.00 al año para 4).',
      ),
    ).toBeTruthy();
    expect(
      tap(/^Programa de Asistencia Escalonada/).getByText(
        'No califica: el ingreso del hogar está apenas por encima del límite del programa, el 150 % de la guía de pobreza de 2026.',
      ),
    ).toBeTruthy();
  });

  it('in Spanish: says why a household does not qualify, and offers no enrolment', async () => {
    await renderWith(
      <Panels request={panelRequest('assistance', { household: 1, income: 90_000 })} />,
      { view: philadelphiaAccount(), locale: 'es' },
    );
    const program = tap(/^Programa de Asistencia Escalonada/);
    expect(program.getByText('No califica', { selector: 'span' })).toBeTruthy();
    expect(
      program.getByText(
        'No califica: el ingreso del hogar es el 563.9 % de la guía de pobreza de 2026; el límite del programa es el 150 %.',
      ),
    ).toBeTruthy();
    expect(program.queryByRole('button', { name: /^Inscribir/ })).toBeNull();
  });

  it('in Spanish: screens nothing until the household size is a whole number', async () => {
    await renderWith(
      <Panels request={panelRequest('assistance', { household: 0, income: 20_000 })} />,
      { view: philadelphiaAccount(), locale: 'es' },
    );
    expect(screen.getByText('Escriba un número entero de 1 a 30.')).toBeTruthy();
    expect(screen.queryByText(/de la pauta de pobreza/)).toBeNull();
    expect(screen.queryByRole('region', { name: /^Programa/ })).toBeNull();
  });
});
