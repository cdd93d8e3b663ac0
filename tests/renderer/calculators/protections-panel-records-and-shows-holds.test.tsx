// @vitest-environment happy-dom
import '../support/fake-bridge';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Panels from '../../../renderer/features/calculators/Panels';
import { answers, callsTo } from '../support/fake-bridge';
import { renderWith, tidy } from '../support/render';
import {
  apply,
  button,
  change,
  field,
  maineAccount,
  panelRequest,
  pinToday,
  queueing,
  unpinToday,
} from './panel-support';

/** Portland Water District on Tuesday 2026-06-09 (pinned). */
describe('the protections panel', () => {
  beforeAll(pinToday);
  afterAll(unpinToday);
  afterEach(tidy);

  it('records a bankruptcy from the court notice, submitted with Enter, and says what it holds', async () => {
    answers['account.command'] = queueing(61);
    await renderWith(<Panels request={panelRequest('protections')} />, { view: maineAccount() });
    expect(screen.getByText('No protection holds collection on this account.')).toBeTruthy();
    const record = button('Record the bankruptcy');
    expect(record.disabled).toBe(true);
    change('Chapter', '13');
    change('Case number', '26-20114');
    change('Court', 'U.S. Bankruptcy Court, D. Me.');
    change('Filing date', '2026-06-08');
    change('Document reference', 'court-notice-77');
    expect(record.disabled).toBe(false);
    fireEvent.submit(field('Document reference').closest('form')!);
    await screen.findByText('Sent to the central system; waiting for its answer…');
    expect(callsTo('account.command')).toEqual([
      {
        command: {
          type: 'recordBankruptcy',
          accountNumber: 'ME-1000003',
          chapter: 13,
          caseNumber: '26-20114',
          court: 'U.S. Bankruptcy Court, D. Me.',
          filedOn: '2026-06-08',
          documentRef: 'court-notice-77',
        },
      },
    ]);
    apply(61, { prePetitionCents: 13_000, assuranceDueBy: '2026-06-29' });
    expect(
      await screen.findByText('Bankruptcy recorded: the debt from before the filing is held.'),
    ).toBeTruthy();
  });

  it('refuses a filing date that is not a date, and offers SB 998 only where the rule weighs it', async () => {
    await renderWith(<Panels request={panelRequest('protections')} />, { view: maineAccount() });
    change('Case number', '1');
    change('Court', 'D. Me.');
    change('Document reference', 'x');
    change('Filing date', '2026-02-30');
    expect(button('Record the bankruptcy').disabled).toBe(true);
    const kinds = within(field('What to record') as unknown as HTMLElement)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(kinds).toEqual(['Bankruptcy', 'Medical certificate', 'Life-support equipment']);
  });

  it('shows a medical certificate on file and records one in Spanish', async () => {
    answers['account.command'] = queueing(62);
    await renderWith(<Panels request={panelRequest('protections', { kind: 'medical' })} />, {
      view: maineAccount({ medicalCertifiedOn: '2026-06-01' }),
      locale: 'es',
    });
    expect(screen.getByRole('region', { name: 'Retenciones registradas' })).toBeTruthy();
    expect(screen.getByText(/^Certificado médico del/)).toBeTruthy();
    change('Certificado por', 'Dra. Elena Marsh');
    change('Fecha del certificado', '2026-06-08');
    change('Referencia del documento', 'scan-9');
    fireEvent.click(button('Registrar el certificado'));
    await screen.findByText(/^Enviado al sistema central/);
    expect(callsTo('account.command').at(-1)).toEqual({
      command: {
        type: 'recordMedicalCertificate',
        accountNumber: 'ME-1000003',
        certifiedBy: 'Dra. Elena Marsh',
        certifiedOn: '2026-06-08',
        documentRef: 'scan-9',
      },
    });
  });
});
