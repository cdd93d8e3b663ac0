import {
  type AccountDetail,
  type AccountHeader,
  type Bill,
  type Command,
  LATE_FEE_LINE,
  meterRead,
} from '../../../shared/cis';
import { Temporal } from '../../../shared/dates';
import type { AccountView } from '../../../shared/ipc';
import { computeBill, getUtilityProfile } from '../../../shared/rates';

/**
 * A Philadelphia account as the workspace receives it: twelve monthly bills priced by the rate
 * engine at `usage` Mcf (the latest at `latestUsage`), the reads behind them, and the amounts
 * past due and owed that the test names.
 */
export function philadelphiaAccount(
  o: {
    pastDueCents?: number;
    balanceCents?: number;
    pastDueDays?: number;
    usage?: string;
    latestUsage?: string;
    language?: 'en' | 'es';
    /** A late fee on the latest bill, as the CIS bills one. */
    lateFeeCents?: number;
  } = {},
): AccountView {
  const profile = getUtilityProfile('philadelphia-water-pa')!;
  const usage = o.usage ?? '0.5';
  const today = Temporal.Now.plainDateISO();
  const reads: AccountDetail['reads'] = [];
  const bills: Bill[] = [];
  let register = 1000;
  let from = today.subtract({ months: 12, days: 10 });
  reads.push(
    meterRead.parse({
      id: 'r0',
      meterId: 'm1',
      date: from.toString(),
      value: register,
      kind: 'actual',
    }),
  );
  for (let i = 0; i < 12; i++) {
    const to = from.add({ months: 1 });
    const use = i === 11 ? (o.latestUsage ?? usage) : usage;
    register = Math.round((register + Number(use)) * 10) / 10;
    reads.push(
      meterRead.parse({
        id: `r${i + 1}`,
        meterId: 'm1',
        date: to.toString(),
        value: register,
        kind: 'actual',
      }),
    );
    const rated = computeBill(profile, {
      meterSize: '5/8',
      usage: use,
      period: { from: from.toString(), to: to.toString() },
    });
    const fee = i === 11 ? (o.lateFeeCents ?? 0) : 0;
    bills.unshift({
      id: `b${i + 1}`,
      periodFrom: from.toString(),
      periodTo: to.toString(),
      usage: use,
      unit: 'mcf',
      estimated: false,
      totalCents: rated.totalCents + fee,
      dueOn: to.add({ days: 25 }).toString(),
      lines: [
        ...rated.lines.map((l) => ({
          code: l.code,
          descriptionKey: l.descriptionKey,
          params: l.params,
          quantity: l.quantity,
          unit: l.unit,
          rate: l.rate,
          amountCents: l.amountCents,
          ...(l.tier ? { tier: l.tier } : {}),
        })),
        ...(fee
          ? [
              {
                code: LATE_FEE_LINE,
                descriptionKey: 'lines.lateFee',
                params: {},
                quantity: '1',
                unit: 'bill',
                rate: (fee / 100).toFixed(2),
                amountCents: fee,
              },
            ]
          : []),
      ],
    });
    from = to;
  }
  const header: AccountHeader = {
    number: 'PA-1000007',
    utilityId: 'philadelphia-water-pa',
    name: 'Ana Peña',
    phones: ['2155550123'],
    serviceAddress: '12 Spruce St, Philadelphia',
    municipality: 'Philadelphia',
    status: 'active',
    class: 'residential',
    balanceCents: o.balanceCents ?? 46_915,
    pastDueCents: o.pastDueCents ?? 40_000,
    pastDueDays: o.pastDueDays ?? 45,
    language: o.language ?? 'en',
    protections: [],
    activeArrangement: false,
    openNotices: 0,
    version: 1,
  };
  const address = { line1: '12 Spruce St', city: 'Philadelphia', state: 'PA', zip: '19103' };
  const detail: AccountDetail = {
    header,
    customer: {
      id: 'c1',
      name: header.name,
      preferredLanguage: header.language,
      phones: [{ number: '2155550123', kind: 'mobile' }],
      emails: [],
      mailingAddress: address,
      protections: {
        medicalCertificate: null,
        lifeSupport: false,
        lowIncome: false,
        bankruptcy: false,
      },
    },
    premise: { id: 'p1', address, municipality: 'Philadelphia', vacant: false },
    depositCents: 0,
    depositDueCents: 0,
    autopay: false,
    paperless: false,
    openedOn: '2019-05-01',
    pastDue: {
      totalCents: header.pastDueCents,
      days: header.pastDueDays,
      over30Cents: 0,
      over60Cents: 0,
      over90Cents: 0,
    },
    meters: [
      {
        id: 'm1',
        servicePointId: 'sp1',
        size: '5/8',
        type: 'water',
        multiplier: 1,
        dials: 5,
        installedOn: '2019-05-01',
      },
    ],
    reads,
    bills,
    premiseBills: [],
    payments: [],
    adjustments: [],
    arrangements: [],
    notices: [],
    serviceOrders: [],
    interactions: [],
    notes: [],
    enrollments: [],
    cases: [],
    tasks: [],
    letters: [],
  };
  return {
    header,
    utility: {
      id: profile.id,
      name: profile.name,
      unit: profile.unit,
      illustrative: profile.illustrative,
      effective: profile.effective,
      usageThresholds: profile.usageThresholds,
      timeZone: 'America/New_York',
      // Philadelphia's disconnection rules were not gathered, as the desktop's main side says.
      disconnectionRules: false,
    },
    detail,
    fetchedAt: Date.now(),
    stale: false,
  };
}

/** An outbox item as the desktop answers a queued command. */
export function queued(command: unknown, seq = 1) {
  const c = command as Command;
  return {
    seq,
    accountNumber: ('accountNumber' in c ? c.accountNumber : null) ?? null,
    type: c.type,
    command: c,
    issuedAt: new Date().toISOString(),
    status: 'pending' as const,
    result: null,
    attempts: 0,
    lastError: null,
  };
}

/**
 * The Philadelphia account's records under another utility's rules: its number, collection
 * policy, rate profile and time zone, with the customer's protections and enrolments the test
 * names. Bills keep Philadelphia's lines; `lines` adds lines to a bill by its id.
 */
export function accountUnder(
  utilityId: string,
  o: {
    pastDueCents?: number;
    balanceCents?: number;
    pastDueDays?: number;
    language?: 'en' | 'es';
    protections?: Partial<AccountDetail['customer']['protections']>;
    enrollments?: AccountDetail['enrollments'];
    notices?: AccountDetail['notices'];
    lines?: Record<string, AccountDetail['bills'][number]['lines']>;
    class?: AccountHeader['class'];
    /** The meter's size as the CIS records it. */
    meterSize?: string;
  } = {},
): AccountView {
  const base = philadelphiaAccount(o);
  const profile = getUtilityProfile(utilityId)!;
  const prefix = { 'portland-water-me': 'ME', 'santa-margarita-ca': 'SM', 'marin-water-ca': 'MM' }[
    utilityId
  ];
  const header = {
    ...base.header,
    utilityId,
    number: `${prefix ?? 'AP'}-1000007`,
    class: o.class ?? base.header.class,
  };
  const detail = base.detail!;
  return {
    ...base,
    header,
    utility: {
      ...base.utility!,
      id: profile.id,
      name: profile.name,
      unit: profile.unit,
      illustrative: profile.illustrative,
      effective: profile.effective,
      usageThresholds: profile.usageThresholds,
      timeZone: utilityId.endsWith('-ca') ? 'America/Los_Angeles' : 'America/New_York',
    },
    detail: {
      ...detail,
      header,
      customer: {
        ...detail.customer,
        protections: { ...detail.customer.protections, ...o.protections },
      },
      enrollments: o.enrollments ?? [],
      meters: detail.meters.map((m) => ({ ...m, size: o.meterSize ?? m.size })),
      notices: o.notices ?? [],
      bills: detail.bills.map((b) => {
        const added = o.lines?.[b.id] ?? [];
        return {
          ...b,
          lines: [...b.lines, ...added],
          totalCents: b.totalCents + added.reduce((sum, l) => sum + l.amountCents, 0),
        };
      }),
    },
  };
}
