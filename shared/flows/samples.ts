import type { AccountDetail, AccountHeader, Language } from '../cis/entities';
import { plainDate } from '../dates';
import type { FlowAccount } from './context';

/**
 * Synthetic accounts to preview a flow against (and to walk the library in tests): each one a
 * situation a script must handle — a notice under California's rule with a medical certificate,
 * a high bill with a probable leak, an arrangement in Maine, an estimated read, a closed account.
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

const PLACES: Record<string, { city: string; state: string; zip: string; municipality: string }> = {
  'philadelphia-water-pa': {
    city: 'Philadelphia',
    state: 'PA',
    zip: '19147',
    municipality: 'Philadelphia',
  },
  'portland-water-me': { city: 'Portland', state: 'ME', zip: '04101', municipality: 'Portland' },
  'santa-margarita-ca': {
    city: 'Mission Viejo',
    state: 'CA',
    zip: '92691',
    municipality: 'Mission Viejo',
  },
  'marin-water-ca': { city: 'San Rafael', state: 'CA', zip: '94901', municipality: 'San Rafael' },
  'alameda-power-ca': { city: 'Alameda', state: 'CA', zip: '94501', municipality: 'Alameda' },
};

const NORMAL_USE = [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 6, 6];

export function sampleAccount(today: string, o: SampleOptions = {}): FlowAccount {
  const day = plainDate(today);
  const utilityId = o.utilityId ?? 'philadelphia-water-pa';
  const place = PLACES[utilityId] ?? PLACES['philadelphia-water-pa'];
  const electric = utilityId === 'alameda-power-ca';
  const unit = electric ? 'kWh' : utilityId === 'philadelphia-water-pa' ? 'Mcf' : 'CCF';
  // Periods of use in the unit's usual size: tenths of an Mcf, CCF, tens of kWh.
  const scale = unit === 'Mcf' ? 0.1 : electric ? 60 : 1;
  const usage = (o.usage ?? NORMAL_USE).map((u) => Number((u * scale).toFixed(2)));
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
    return {
      id: `R${i + 1}`,
      meterId: 'M1',
      date: date.toString(),
      value: register,
      kind: last && o.estimated ? ('estimated' as const) : ('actual' as const),
    };
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
        type: electric ? 'electric' : 'water',
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
  };
  return { header, detail };
}

/** The accounts the authoring preview offers, each named for the situation it shows. */
export const samplePresets = [
  {
    id: 'ca-notice-medical',
    options: {
      number: '3104-7781-02',
      utilityId: 'santa-margarita-ca',
      name: 'María Elena Ruiz',
      language: 'es',
      pastDueCents: 18240,
      pastDueDays: 64,
      notice: true,
      protections: ['medical'],
    },
  },
  {
    id: 'pa-high-bill-leak',
    options: {
      number: '1000-2000-30',
      utilityId: 'philadelphia-water-pa',
      usage: [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 12, 14],
    },
  },
  {
    id: 'me-arrangement',
    options: {
      number: '5520-0193-44',
      utilityId: 'portland-water-me',
      name: 'Thomas Gagnon',
      pastDueCents: 9650,
      pastDueDays: 40,
      arrangement: true,
    },
  },
  {
    id: 'pa-estimated-spanish',
    options: {
      number: '1000-4410-07',
      utilityId: 'philadelphia-water-pa',
      name: 'José Antonio Medina',
      language: 'es',
      estimated: true,
      pastDueCents: 24310,
      pastDueDays: 75,
      protections: ['low-income'],
    },
  },
  {
    id: 'ca-electric-inactive',
    options: {
      number: '7700-1020-55',
      utilityId: 'alameda-power-ca',
      name: 'Priya Natarajan',
      status: 'inactive',
      balanceCents: 0,
    },
  },
] as const satisfies readonly { id: string; options: SampleOptions }[];
export type SamplePresetId = (typeof samplePresets)[number]['id'];
