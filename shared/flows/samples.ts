import { type AccountDetail, type AccountHeader, type Language, meterRead } from '../cis/entities';
import { plainDate } from '../dates';
import { defaultUtilityId, getUtility, utilities } from '../utilities';
import type { FlowAccount } from './context';

/**
 * Synthetic accounts to preview a flow against (and to walk the library in tests): each one a
 * situation a script must handle — a notice under California's rule with a medical certificate,
 * a high bill with a probable leak, an arrangement in Maine, an estimated read, a closed account.
 * Each utility's folder gives its town, unit and presets (shared/utilities/<id>/flow-samples.ts).
 * Names, numbers and addresses are invented.
 */
export interface SampleOptions {
  number?: string;
  utilityId?: string;
  name?: string;
  language?: Language;
  status?: AccountHeader['status'];
  class?: AccountHeader['class'];
  pastDueCents?: number;
  pastDueDays?: number;
  balanceCents?: number;
  protections?: AccountHeader['protections'];
  arrangement?: boolean;
  notice?: boolean;
  /** Use per period, oldest first; the last is the current bill's. */
  usage?: number[];
  estimated?: boolean;
  enrolled?: boolean;
  depositCents?: number;
  /** Header only: the detail not fetched yet. */
  headerOnly?: boolean;
}

const NORMAL_USE = [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 6, 6];

export function sampleAccount(today: string, o: SampleOptions = {}): FlowAccount {
  const day = plainDate(today);
  const utilityId = o.utilityId ?? defaultUtilityId;
  const utility = getUtility(utilityId) ?? getUtility(defaultUtilityId)!;
  const { place, unit, usageScale } = utility.flowSamples;
  // Periods of use in the unit's usual size: tenths of an Mcf, CCF, tens of kWh.
  const usage = (o.usage ?? NORMAL_USE).map((u) => Number((u * usageScale).toFixed(2)));
  const base = o.usage ?? NORMAL_USE;
  const number = o.number ?? '1000-2000-30';
  const pastDue = o.pastDueCents ?? 0;
  const protections = o.protections ?? [];
  const street = '1427 Dickinson St';
  const header: AccountHeader = {
    number,
    utilityId,
    name: o.name ?? 'Dana Whitfield',
    phones: ['2155550187'],
    serviceAddress: `${street}, ${place.city}, ${place.state} ${place.zip}`,
    municipality: place.municipality,
    status: o.status ?? 'active',
    class: o.class ?? 'residential',
    balanceCents: o.balanceCents ?? pastDue + 6512,
    pastDueCents: pastDue,
    pastDueDays: o.pastDueDays ?? (pastDue > 0 ? 45 : 0),
    language: o.language ?? 'en',
    protections,
    activeArrangement: o.arrangement ?? false,
    openNotices: o.notice ? 1 : 0,
    version: 1,
  };
  if (o.headerOnly) return { header, detail: null };

  // Monthly reads ending ten days ago; the register adds each period's use.
  const lastRead = day.subtract({ days: 10 });
  const readDates = usage.map((_, i) => lastRead.subtract({ months: usage.length - i }));
  readDates.push(lastRead);
  let register = 1000;
  const reads = readDates.map((date, i) => {
    if (i > 0) register = Number((register + usage[i - 1]).toFixed(2));
    const last = i === readDates.length - 1;
    return meterRead.parse({
      id: `R${i + 1}`,
      meterId: 'M1',
      date: date.toString(),
      value: register,
      kind: last && o.estimated ? 'estimated' : 'actual',
    });
  });
  const bills = usage.map((u, i) => {
    const from = readDates[i];
    const to = readDates[i + 1];
    const totalCents = 1210 + Math.round(base[i] * 1150);
    return {
      id: `B${i + 1}`,
      periodFrom: from.toString(),
      periodTo: to.toString(),
      usage: String(u),
      unit,
      estimated: i === usage.length - 1 && (o.estimated ?? false),
      totalCents,
      dueOn: to.add({ days: 21 }).toString(),
      lines: [],
    };
  });
  const address = { line1: street, city: place.city, state: place.state, zip: place.zip };
  const detail: AccountDetail = {
    header,
    customer: {
      id: `C-${number}`,
      name: header.name,
      preferredLanguage: header.language,
      phones: [{ number: '2155550187', kind: 'mobile' }],
      emails: [],
      mailingAddress: address,
      protections: {
        medicalCertificate: protections.includes('medical')
          ? { certifiedOn: day.subtract({ months: 2 }).toString(), expiresOn: null }
          : null,
        lifeSupport: protections.includes('life-support'),
        lowIncome: protections.includes('low-income'),
        bankruptcy: protections.includes('bankruptcy'),
      },
    },
    premise: { id: 'P1', address, municipality: place.municipality, vacant: false },
    depositCents: o.depositCents ?? 0,
    depositDueCents: 0,
    autopay: false,
    paperless: false,
    openedOn: '2016-05-02',
    pastDue: {
      totalCents: pastDue,
      days: header.pastDueDays,
      over30Cents: header.pastDueDays > 30 ? pastDue : 0,
      over60Cents: header.pastDueDays > 60 ? pastDue : 0,
      over90Cents: header.pastDueDays > 90 ? pastDue : 0,
    },
    meters: [
      {
        id: 'M1',
        servicePointId: 'SP1',
        size: '5/8',
        type: utility.rates.service,
        multiplier: 1,
        dials: 6,
        installedOn: '2015-03-11',
      },
    ],
    reads,
    bills,
    premiseBills: [],
    payments: [],
    adjustments: [],
    arrangements: o.arrangement
      ? [
          {
            id: 'A1',
            kind: 'equal',
            status: 'active',
            createdOn: day.subtract({ months: 1 }).toString(),
            downPaymentCents: 5000,
            totalCents: 30000,
            installments: [1, 2, 3, 4, 5].map((n) => ({
              number: n,
              due: day
                .add({ days: 12 })
                .add({ months: n - 1 })
                .toString(),
              amountCents: 5000,
            })),
          },
        ]
      : [],
    notices: o.notice
      ? [
          {
            id: 'N1',
            kind: 'disconnection',
            issuedOn: day.subtract({ days: 12 }).toString(),
            amountCents: pastDue,
            earliestDisconnection: day.add({ days: 9 }).toString(),
            status: 'open',
          },
        ]
      : [],
    serviceOrders: [],
    interactions: [],
    notes: [],
    enrollments: o.enrolled
      ? [{ id: 'E1', program: 'tap', enrolledOn: '2024-02-01', status: 'active' }]
      : [],
    cases: [],
    tasks: [],
    letters: [],
  };
  return { header, detail };
}

/** The accounts the authoring preview offers, each named for the situation it shows. */
export const samplePresets: readonly { id: string; options: SampleOptions }[] = utilities.flatMap(
  (u) =>
    u.flowSamples.presets.map((p) => ({ id: p.id, options: { utilityId: u.id, ...p.options } })),
);
export type SamplePresetId = string;
