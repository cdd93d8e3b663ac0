// @vitest-environment happy-dom
import '../support/fake-bridge';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import type { PanelId } from '../../../renderer/store/ui-slice';
import type { AccountDetail } from '../../../shared/cis';
import { Temporal } from '../../../shared/dates';
import { accountUnder, philadelphiaAccount, queued } from '../support/account';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';

const open = (panel: PanelId, prefill: Record<string, string | number | boolean> = {}) => ({
  panel,
  prefill,
  at: Date.now(),
});
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
const daysAgo = (n: number) => Temporal.Now.plainDateISO().subtract({ days: n }).toString();

/** $130.00 past due for 75 days, the disconnection notice served 20 days ago. */
const owing = (utilityId: string, lifeSupport: boolean, language: 'en' | 'es' = 'en') =>
  accountUnder(utilityId, {
    pastDueCents: 13_000,
    balanceCents: 13_000,
    pastDueDays: 75,
    language,
    protections: { lifeSupport },
    notices: [
      {
        id: 'n1',
        kind: 'disconnection',
        issuedOn: daysAgo(20),
        amountCents: 13_000,
        earliestDisconnection: null,
        status: 'open',
      },
    ],
  });

describe('the disconnection panel shows the life-support rule’s outcome', () => {
  afterEach(tidy);

  it('Portland: life support on file holds the shut-off, and the field turn-off cannot be scheduled', async () => {
    await renderWith(<Panels request={open('disconnection')} />, {
      view: owing('portland-water-me', true),
    });
    const callout = screen.getByRole('note', { name: 'Life support on file' });
    expect(callout.textContent).toContain(
      'Life-support equipment is on file: no disconnection while the record stands.',
    );
    expect(callout.textContent).toContain('Chapter 815 (electric and gas) §11');
    expect(screen.getByText('No: the rules below do not allow it.')).toBeTruthy();
    expect(button('Schedule the field disconnection').disabled).toBe(true);
  });

  it('Portland: without life support on file there is no callout, and the rule says so in the list', async () => {
    await renderWith(<Panels request={open('disconnection')} />, {
      view: owing('portland-water-me', false),
    });
    expect(screen.queryByRole('note', { name: 'Life support on file' })).toBeNull();
    expect(screen.getByText('No life-support equipment on file.')).toBeTruthy();
    expect(screen.queryByText('No: the rules below do not allow it.')).toBeNull();
  });

  it('Santa Margarita, in Spanish: under SB 998 the record alone does not stop the shut-off, and the agent is told to ask for a certificate', async () => {
    await renderWith(<Panels request={open('disconnection')} />, {
      view: owing('santa-margarita-ca', true, 'es'),
      locale: 'es',
    });
    const callout = screen.getByRole('note', { name: 'Soporte vital registrado' });
    expect(callout.textContent).toContain(
      'Hay equipo de soporte vital registrado; por sí solo no impide el corte: pida al cliente un certificado médico.',
    );
    expect(callout.textContent).toContain('§116910');
    expect(screen.queryByText('No: las reglas de abajo no lo permiten.')).toBeNull();
  });
});

describe('the arrangement panel shows the current balance apart from the plan', () => {
  afterEach(tidy);

  it('in English: $69.15 billed and not yet due, owed by its own due date beside the plan', async () => {
    // $400.00 past due of a $469.15 balance; the latest bill falls due 15 days from today.
    const view = philadelphiaAccount();
    const due = view.detail!.bills[0].dueOn;
    await renderWith(<Panels request={open('arrangement')} />, { view });
    expect(screen.getByText('Down payment $100.00, then 12 payments; $400.00 in all')).toBeTruthy();
    const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${due}T12:00:00Z`),
    );
    expect(
      screen.getByText(
        `Not part of the plan: the current balance of $69.15 is due on ${date}, its bill's own due date.`,
      ),
    ).toBeTruthy();
  });

  it('in Spanish, and not at all when nothing is billed beyond the past due', async () => {
    await renderWith(<Panels request={open('arrangement')} />, {
      view: philadelphiaAccount(),
      locale: 'es',
    });
    expect(
      screen.getByText(
        /^Fuera del plan: el saldo del mes de \$69\.15 vence el .+, la fecha de su propia factura\.$/,
      ),
    ).toBeTruthy();
    tidy();
    await renderWith(<Panels request={open('arrangement')} />, {
      view: philadelphiaAccount({ balanceCents: 40_000 }),
    });
    expect(screen.getByText('Down payment $100.00, then 12 payments; $400.00 in all')).toBeTruthy();
    expect(screen.queryByText(/Not part of the plan/)).toBeNull();
  });
});

/** A $6.50 late charge on the latest bill of a Santa Margarita account. */
const lateFee = (cents: number, code = 'late-fee') => ({
  code,
  descriptionKey: code === 'late-fee' ? 'lines.lateFee' : 'lines.lateFeeWaived',
  params: {},
  quantity: '1',
  unit: 'bill',
  rate: (cents / 100).toFixed(2),
  amountCents: cents,
});
/** Enrolled in SB 998's program, screened at $30,000 for four: 90.9% of the 2026 guideline. */
const enrolled: AccountDetail['enrollments'] = [
  {
    id: 'e1',
    program: 'sb998-low-income',
    enrolledOn: '2026-03-17',
    status: 'active',
    household: { size: 4, annualIncomeCents: 3_000_000 },
  },
];

describe('the adjustment panel’s late-fee reversal reflects the SB 998 waiver', () => {
  afterEach(tidy);

  it('is the waiver for a household on file below 200% with nothing waived in the year, and sends that reversal', async () => {
    answers['account.command'] = (r) => queued((r as { command: unknown }).command);
    await renderWith(
      <Panels request={open('adjustment', { kind: 'late-fee-reversal', reason: 'on SB 998' })} />,
      {
        view: accountUnder('santa-margarita-ca', {
          enrollments: enrolled,
          lines: { b12: [lateFee(650)] },
        }),
      },
    );
    expect(screen.getByText('Credit: $6.50')).toBeTruthy();
    expect(
      screen.getByText(
        'Household income is 90.9% of the poverty guideline, below 200%, and no late charge was waived in the last 12 months: the late charge of $6.50 is waived.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/No late-fee reversal in the last/)).toBeNull();
    button('Post the adjustment').click();
    await screen.findByText(/Sent to the central system/);
    expect(callsTo('account.command')[0]).toEqual({
      command: {
        type: 'postAdjustment',
        accountNumber: 'SM-1000007',
        kind: 'late-fee-reversal',
        billId: 'b12',
        amountCents: -650,
        reason: 'on SB 998',
      },
    });
  });

  it('falls back to the courtesy reversal when a charge was waived on a bill within the year, and offers no bill whose charge was waived on it', async () => {
    await renderWith(<Panels request={open('adjustment', { kind: 'late-fee-reversal' })} />, {
      view: accountUnder('santa-margarita-ca', {
        enrollments: enrolled,
        lines: {
          b12: [lateFee(700)],
          b9: [lateFee(650), lateFee(-650, 'late-fee-waived')],
        },
      }),
    });
    expect(screen.getByText('Credit: $7.00')).toBeTruthy();
    expect(
      screen.getByText(
        /^A late charge was already waived on .+, within 12 months: the late charge of \$7\.00 applies\.$/,
      ),
    ).toBeTruthy();
    expect(screen.getByText('No late-fee reversal in the last 12 months.')).toBeTruthy();
    // Only the bill that still owes its charge is offered.
    const bills = screen.getByLabelText('Bill') as HTMLSelectElement;
    expect([...bills.options].map((o) => o.value)).toEqual(['b12']);
  });

  it('in Spanish: with no household on file it is the courtesy reversal, and the agent is told what the waiver needs', async () => {
    await renderWith(<Panels request={open('adjustment', { kind: 'late-fee-reversal' })} />, {
      view: accountUnder('santa-margarita-ca', { lines: { b12: [lateFee(650)] } }),
      locale: 'es',
    });
    expect(screen.getByText('Crédito: $6.50')).toBeTruthy();
    expect(
      screen.getByText(
        'No hay un hogar registrado por una inscripción en asistencia: una vez evaluado e inscrito el hogar, se puede perdonar un recargo según la SB 998 (por debajo del 200 % de la guía de pobreza, una vez al año).',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText('Ninguna anulación de recargo por mora en los últimos 12 meses.'),
    ).toBeTruthy();
  });

  it('says nothing of the waiver where the utility has none (Portland)', async () => {
    await renderWith(<Panels request={open('adjustment', { kind: 'late-fee-reversal' })} />, {
      view: accountUnder('portland-water-me', {
        enrollments: enrolled,
        lines: { b12: [lateFee(650)] },
      }),
    });
    expect(screen.getByText('No late-fee reversal in the last 12 months.')).toBeTruthy();
    expect(screen.queryByText(/poverty guideline/)).toBeNull();
    expect(screen.queryByText(/No household is on file/)).toBeNull();
  });
});
