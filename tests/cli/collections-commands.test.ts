import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('npm run cli -- arrangement', () => {
  it('prints an accepted plan in the documented JSON shape', () => {
    const { code, stdout } = runCli([
      'arrangement',
      '--utility',
      'philadelphia-water-pa',
      '--past-due',
      '1200',
      '--months',
      '10',
      '--today',
      '2026-11-24',
      '--json',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.accepted).toBe(true);
    expect(r.downPaymentCents).toBe(30_000);
    expect(r.installments[0]).toEqual({ due: '2026-12-24', amountCents: 9_000 });
    expect(r.totalCents).toBe(120_000);
    expect(r.rules.find((x: { id: string }) => x.id === 'down-payment')).toEqual({
      id: 'down-payment',
      outcome: 'pass',
      citation: 'phila.gov, "Water bill payment plans" (about 2023)',
    });
  });

  it('refuses with the rule and the nearest plan, exit 1', () => {
    const { code, stdout } = runCli([
      'arrangement',
      '--utility',
      'philadelphia-water-pa',
      '--past-due',
      '1200',
      '--months',
      '18',
      '--prior-arrangements',
      '1',
      '--today',
      '2026-11-24',
      '--json',
    ]);
    expect(code).toBe(1);
    const r = JSON.parse(stdout);
    expect(r.accepted).toBe(false);
    expect(r.refusal.id).toBe('term-maximum');
    expect(r.nearest.installments).toHaveLength(12);
  });

  it('falls on Marin’s two-month bill cycle and shows the current balance beside the plan', () => {
    const { code, stdout } = runCli([
      'arrangement',
      '--utility',
      'marin-water-ca',
      '--past-due',
      '600',
      '--current',
      '84.37',
      '--months',
      '12',
      '--next-due',
      '2026-12-10',
      '--today',
      '2026-11-24',
      '--json',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.installments.map((i: { due: string }) => i.due)).toEqual([
      '2026-12-10',
      '2027-02-10',
      '2027-04-10',
      '2027-06-10',
      '2027-08-10',
      '2027-10-10',
    ]);
    expect([r.currentBalanceCents, r.totalCents]).toEqual([8_437, 60_000]);
  });

  it('refuses a fifth budget adjustment in a year, exit 1', () => {
    const args = [
      'arrangement',
      '--utility',
      'portland-water-me',
      '--kind',
      'budget',
      '--past-due',
      '0',
      '--annual-billed',
      '384.05',
      '--today',
      '2026-11-24',
      '--json',
    ];
    const dates = ['2026-01-10', '2026-04-10', '2026-07-10', '2026-10-10'].flatMap((d) => [
      '--budget-adjusted-on',
      d,
    ]);
    const { code, stdout } = runCli([...args, ...dates]);
    expect([code, JSON.parse(stdout).refusal.id]).toEqual([1, 'budget-adjustments']);
  });

  it('refuses bad input with exit 2', () => {
    expect(
      runCli(['arrangement', '--utility', 'philadelphia-water-pa', '--past-due', 'twelve']).code,
    ).toBe(2);
    const unknown = runCli(['arrangement', '--utility', 'acme', '--past-due', '10']);
    expect([unknown.code, /valid: portland-water-me/.test(unknown.stderr)]).toEqual([2, true]);
    expect(
      runCli([
        'arrangement',
        '--utility',
        'philadelphia-water-pa',
        '--past-due',
        '10',
        '--months',
        '3',
        '--monthly',
        '5',
      ]).code,
    ).toBe(2);
  });
});

describe('npm run cli -- shutoff, deposit, adjust, screen', () => {
  it('shutoff answers allowed, earliest and the rules; not allowed exits 1', () => {
    const run = runCli([
      'shutoff',
      '--utility',
      'marin-water-ca',
      '--past-due',
      '250',
      '--days-past-due',
      '59',
      '--notice-served',
      '2026-11-02',
      '--today',
      '2026-11-17',
      '--json',
    ]);
    const r = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(r.allowed).toBe(false);
    expect(r.earliest).toBe('2026-11-18');
    expect(r.rules.find((x: { id: string }) => x.id === 'days-past-due').outcome).toBe('fail');
  });

  it('shutoff weighs life support and an oral medical certificate, exit 0 when allowed', () => {
    const base = [
      'shutoff',
      '--utility',
      'portland-water-me',
      '--past-due',
      '50.01',
      '--days-past-due',
      '40',
      '--notice-served',
      '2026-10-20',
      '--today',
      '2026-11-24',
      '--json',
    ];
    const held = runCli([...base, '--life-support']);
    expect(held.code).toBe(1);
    expect(
      JSON.parse(held.stdout).rules.find((x: { id: string }) => x.id === 'life-support'),
    ).toMatchObject({ outcome: 'fail', utilitySetting: true });
    // Certified orally on 2026-11-16 and never confirmed in writing: lapsed on the 8th day.
    const lapsed = runCli([
      ...base,
      '--medical',
      '--medical-certified',
      '--medical-oral',
      '--medical-reported',
      '2026-11-16',
    ]);
    expect([lapsed.code, JSON.parse(lapsed.stdout).allowed]).toEqual([0, true]);
  });

  it('shutoff prints the notice in Spanish, with no English placeholder when the name is unknown', () => {
    const { stdout } = runCli([
      'shutoff',
      '--utility',
      'portland-water-me',
      '--past-due',
      '50.01',
      '--days-past-due',
      '40',
      '--notice-served',
      '2026-10-20',
      '--today',
      '2026-11-17',
      '--notice',
      '--lang',
      'es',
    ]);
    expect(stdout).toMatch(/Aviso de corte del servicio de agua/);
    expect(stdout).toMatch(/Comisión de Servicios Públicos de Maine/);
    expect(stdout).toMatch(/^Estimado\(a\) cliente:$/m);
    expect(stdout).toMatch(/^Su cuenta tiene un saldo vencido de /m);
    expect(stdout).not.toMatch(/Customer|—/);
  });

  it('deposit, adjust and screen answer in JSON', () => {
    expect(
      JSON.parse(
        runCli(['deposit', '--utility', 'marin-water-ca', '--average-bill', '84.37', '--json'])
          .stdout,
      ).amountCents,
    ).toBe(16_874);
    const adj = JSON.parse(
      runCli([
        'adjust',
        '--utility',
        'portland-water-me',
        '--type',
        'late-fee',
        '--fee',
        '150.00',
        '--json',
      ]).stdout,
    );
    expect([adj.amountCents, adj.approver, adj.withinRole]).toEqual([-15_000, 'lead', false]);
    const screen = JSON.parse(
      runCli([
        'screen',
        '--household',
        '4',
        '--income',
        '49500',
        '--utility',
        'philadelphia-water-pa',
        '--today',
        '2026-11-24',
        '--json',
      ]).stdout,
    );
    expect(screen.percentOfPoverty).toBe(150);
    expect(screen.programs.find((p: { id: string }) => p.id === 'tap').qualifies).toBe(true);
    expect(runCli(['screen', '--household', '4', '--income', '49500', '--year', '2017']).code).toBe(
      2,
    );
  });
});
