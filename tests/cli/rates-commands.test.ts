import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('npm run cli -- bill', () => {
  it('prints the bill as JSON in the documented shape', () => {
    const { code, stdout } = runCli([
      'bill',
      '--utility',
      'philadelphia-water-pa',
      '--meter',
      '5/8',
      '--usage',
      '0.5',
      '--json',
    ]);
    expect(code).toBe(0);
    const bill = JSON.parse(stdout);
    expect(bill.totalCents).toBe(6915);
    expect(bill.profile).toEqual({
      id: 'philadelphia-water-pa',
      effective: '2021-09-01',
      illustrative: false,
    });
    expect(bill.lines[0]).toEqual({
      code: 'SVC',
      description: 'Service charge (5/8" meter)',
      quantity: '1',
      rate: '12.10',
      amountCents: 1210,
    });
    expect(bill.lines.reduce((a: number, l: { amountCents: number }) => a + l.amountCents, 0)).toBe(
      6915,
    );
    // The fields, and the documented extras (profile.illustrative, notes, lines[].tier).
    expect(Object.keys(bill).sort()).toEqual(['lines', 'notes', 'profile', 'totalCents']);
    for (const line of bill.lines) {
      expect(Object.keys(line).filter((k) => k !== 'tier')).toEqual([
        'code',
        'description',
        'quantity',
        'rate',
        'amountCents',
      ]);
    }
    expect(bill.notes).toEqual([]);
  });

  it('prices an OWRS file in its own unit, shows quantities to 6 decimals, and takes --data', () => {
    const windsor = runCli([
      'bill',
      '--owrs',
      'data/owrs/full_utility_rates/California/Windsor  Town Of - 3226/07-01-2017.owrs',
      '--meter',
      '5/8',
      '--usage',
      '10',
      '--unit',
      'mcf',
      '--json',
    ]);
    expect(windsor.code).toBe(0);
    const bill = JSON.parse(windsor.stdout);
    // 10 Mcf = 74.8 kgal: 3 / 3 / 10 / 58.8 kgal at $3.12 / $3.40 / $4.80 / $6.20, + $11.24.
    expect(
      bill.lines
        .filter((l: { tier?: number }) => l.tier)
        .map((l: { quantity: string }) => l.quantity),
    ).toEqual(['3', '3', '10', '58.8']);
    expect(bill.totalCents).toBe(1124 + 936 + 1020 + 4800 + 36456);
    const phl = JSON.parse(
      runCli([
        'bill',
        '--utility',
        'philadelphia-water-pa',
        '--meter',
        '5/8',
        '--usage',
        '1',
        '--unit',
        'kgal',
        '--json',
      ]).stdout,
    );
    // 1 kgal = 0.1336898… Mcf, printed 0.13369; water 0.1336898… × $45.99 = $6.148… → $6.15.
    expect(phl.lines[1]).toMatchObject({ code: 'WATER', quantity: '0.13369', amountCents: 615 });
    const smwd = runCli([
      'bill',
      '--utility',
      'santa-margarita-ca',
      '--class',
      'commercial',
      '--meter',
      '1',
      '--usage',
      '20',
      '--data',
      'rate_class=C2',
      '--json',
    ]);
    // 20 × $1.74 + $26.76 + $25.51 + 20 × $1.03 (class C2).
    expect(JSON.parse(smwd.stdout).totalCents).toBe(3480 + 2676 + 2551 + 2060);
  });

  it('names the option that gives what an OWRS rate needs, with the values it accepts', () => {
    const smwd = runCli([
      'bill',
      '--utility',
      'santa-margarita-ca',
      '--class',
      'commercial',
      '--meter',
      '1',
      '--usage',
      '20',
    ]);
    expect(smwd.code).toBe(2);
    expect(smwd.stderr).toMatch(
      /^--data rate_class=VALUE: needed by the COMMERCIAL rates of santa-margarita-ca \(valid: C1, C2, C3, C4\)/,
    );
    const marin = runCli([
      'bill',
      '--utility',
      'marin-water-ca',
      '--class',
      'commercial',
      '--meter',
      '5/8',
      '--usage',
      '20',
    ]);
    expect(marin.stderr).toMatch(/^--data commercial_budget=VALUE: needed by the COMMERCIAL rates/);
    const klass = runCli([
      'bill',
      '--utility',
      'marin-water-ca',
      '--class',
      'farm',
      '--meter',
      '5/8',
      '--usage',
      '20',
    ]);
    expect(klass.stderr).toMatch(
      /--class: not a class of marin-water-ca \(valid: residential, residential-multi, commercial, irrigation, INSTITUTIONAL, FIRE_SERVICE, RAW, RECYCLED\)/,
    );
    const early = runCli([
      'bill',
      '--utility',
      'marin-water-ca',
      '--meter',
      '5/8',
      '--usage',
      '20',
      '--season',
      'summer',
      '--from',
      '2017-06-01',
      '--to',
      '2017-07-31',
    ]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(
      /^--from: before the rates of marin-water-ca take effect \(2017-07-01\)/,
    );
    const usage = runCli([
      'bill',
      '--utility',
      'marin-water-ca',
      '--meter',
      '5/8',
      '--usage',
      '1e2',
    ]);
    expect(usage.stderr).toMatch(/^--usage must be a number such as 12 or 0\.5, not "1e2"/);
    const data = runCli([
      'bill',
      '--utility',
      'marin-water-ca',
      '--meter',
      '5/8',
      '--usage',
      '1',
      '--data',
      'rate_class',
    ]);
    expect(data.stderr).toMatch(/^--data must be KEY=VALUE/);
  });

  it('bills any OWRS file with --owrs and an OWRS class', () => {
    const { code, stdout } = runCli([
      'bill',
      '--owrs',
      'data/owrs/full_utility_rates/California/Marin Municipal Water District - 1754/07-01-2017.owrs',
      '--class',
      'RESIDENTIAL_SINGLE',
      '--meter',
      '5/8"',
      '--usage',
      '27',
      '--season',
      'summer',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(
      JSON.parse(stdout)
        .lines.filter((l: { tier?: number }) => l.tier)
        .map((l: { quantity: string }) => l.quantity),
    ).toEqual(['26', '1']);
  });

  it('refuses an unknown utility, meter size or town with the valid ones, exit 2', () => {
    const utility = runCli(['bill', '--utility', 'nowhere', '--meter', '5/8', '--usage', '1']);
    expect(utility.code).toBe(2);
    expect(utility.stderr).toMatch(
      /unknown utility "nowhere" \(valid: portland-water-me, philadelphia-water-pa/,
    );
    const meter = runCli([
      'bill',
      '--utility',
      'marin-water-ca',
      '--meter',
      '7/8',
      '--usage',
      '1',
      '--season',
      'winter',
    ]);
    expect(meter.code).toBe(2);
    expect(meter.stderr).toMatch(/--meter: .*valid: 5\/8"/);
    const town = runCli([
      'bill',
      '--utility',
      'portland-water-me',
      '--meter',
      '5/8',
      '--usage',
      '1',
      '--municipality',
      'Boston',
    ]);
    expect(town.code).toBe(2);
    expect(town.stderr).toMatch(/--municipality: .*Cape Elizabeth/);
    const usage = runCli([
      'bill',
      '--utility',
      'portland-water-me',
      '--meter',
      '5/8',
      '--usage',
      'lots',
    ]);
    expect(usage.code).toBe(2);
  });

  it('explains the bill in Spanish on request', () => {
    const { stdout } = runCli([
      'bill',
      '--utility',
      'alameda-power-ca',
      '--usage',
      '420',
      '--season',
      'summer',
      '--heating',
      'gas',
      '--explain',
      '--lang',
      'es',
    ]);
    expect(stdout).toMatch(/Su factura por 30 días asciende a \$94\.77\./);
    expect(stdout).toMatch(/Energía, nivel 2: 73 kWh a \$0\.19794 por kWh, \$14\.45\./);
  });
});

describe('npm run cli -- audit', () => {
  it('lists discrepancies by line and a summary, exit 1 when it finds any', () => {
    const { code, stdout } = runCli(['audit', 'tests/fixtures/audit/sample-bills.csv']);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /line 3 \(PA-1002\): amount WATER: billed \$25\.00, computed \$23\.00, difference \$2\.00/,
    );
    expect(stdout).toMatch(/line 6 \(PA-1003\): bad row/);
    expect(stdout).toMatch(/7 rows: 2 clean, 3 with discrepancies, 2 bad rows\./);
  });

  it('gives the same in JSON', () => {
    const { stdout } = runCli(['audit', 'tests/fixtures/audit/sample-bills.csv', '--json']);
    const report = JSON.parse(stdout);
    expect(report.summary.byKind.total).toEqual({ count: 3, cents: -3400 });
    expect(report.rows).toHaveLength(5);
  });

  it('refuses a missing file with exit 2', () => {
    expect(runCli(['audit', 'no-such.csv']).code).toBe(2);
  });
});

describe('npm run cli -- owrs-check', () => {
  it('loads the whole corpus, never stopping at a bad file, and names what it could not read', () => {
    const { code, stdout } = runCli(['owrs-check', 'data/owrs', '--json']);
    const report = JSON.parse(stdout);
    expect(report.files).toBe(499);
    expect(report.loaded).toBe(486);
    expect(report.clean).toBe(418);
    expect(report.partial).toBe(68);
    expect(code).toBe(1);
    const arrowbear = report.results.find((r: { file: string }) => r.file.includes('Arrowbear'));
    expect(arrowbear.problems).toEqual([
      {
        class: 'RESIDENTIAL_SINGLE',
        key: 'variable_drought_surcharge',
        message: 'tier_starts_drought has 5 starts but tier_prices_drought has 6 prices',
      },
    ]);
    const corona = report.results.find((r: { file: string }) => r.file.includes('CCO-2014'));
    expect(corona.problems).toContainEqual({
      class: 'INDUSTRIAL',
      key: 'tier_starts[1]',
      message: 'reads "outdoor", which the file does not define',
    });
    const roseville = report.results.find((r: { file: string }) => r.file.includes('Roseville'));
    expect(roseville.loaded).toBe(false);
    expect(roseville.problems[0].message).toMatch(/not YAML/);
    const pleasanton = report.results.find((r: { file: string }) =>
      r.file.includes('Pleasanton-2017'),
    );
    expect(pleasanton.loaded).toBe(true);
    expect(pleasanton.problems.some((p: { key: string }) => p.key === 'commodity_charge')).toBe(
      true,
    );
  });
});
