import { describe, expect, it } from 'vitest';
import {
  answer,
  type CallFacts,
  type FlowDefinition,
  type FlowEffect,
  type Move,
  next,
  type SampleOptions,
  sampleAccount,
  startRun,
  stepById,
} from '../../../shared/flows';
import { ALEX, contextFor, flowById, MARISOL, TODAY } from './support';

/**
 * Each flow of the library as a table: the facts of a synthetic account (and the agent, and what
 * the caller answers) → the steps the agent is shown, in order → what the script does (panels
 * opened with their values, service orders, transfers) → the wrap-up code it suggests. The rows
 * of a flow together take every case of every branch, so two swapped conditions, a wrong end or
 * a wrong order type fail here, not only a step never reached.
 */

const PA = 'philadelphia-water-pa';
const ME = 'portland-water-me';
const CA_WATER = 'santa-margarita-ca';
const MARIN = 'marin-water-ca';
const CA_ELECTRIC = 'alameda-power-ca';

/** Usage per period, oldest first: twelve ordinary months, then the bill the caller asks about. */
const ORDINARY = [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 6, 6];
const TWO_HIGH_PERIODS = [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 12, 14];
const ONE_HIGH_PERIOD = [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 5, 12];

const accounts = {
  paCurrent: { utilityId: PA, balanceCents: 0, usage: ORDINARY },
  paTwoHighPeriods: { utilityId: PA, usage: TWO_HIGH_PERIODS },
  paOneHighPeriod: { utilityId: PA, usage: ONE_HIGH_PERIOD },
  paEstimatedPastDue: {
    utilityId: PA,
    language: 'es',
    estimated: true,
    pastDueCents: 24310,
    pastDueDays: 75,
    protections: ['low-income'],
  },
  paNotice: { utilityId: PA, pastDueCents: 31277, pastDueDays: 80, notice: true },
  paSecondBill: { utilityId: PA, usage: [6, 7] },
  paFirstBill: { utilityId: PA, usage: [6] },
  paInactive: { utilityId: PA, status: 'inactive', balanceCents: 0 },
  paDepositEnrolled: { utilityId: PA, balanceCents: 0, depositCents: 12000, enrolled: true },
  paNoticeDetailNotFetched: { utilityId: PA, pastDueCents: 9000, notice: true, headerOnly: true },
  meArrangement: { utilityId: ME, pastDueCents: 9650, pastDueDays: 40, arrangement: true },
  mePastDue: { utilityId: ME, pastDueCents: 9650, pastDueDays: 40 },
  meNoticeMedical: {
    utilityId: ME,
    pastDueCents: 12000,
    pastDueDays: 95,
    notice: true,
    protections: ['medical'],
  },
  meNothingOwed: { utilityId: ME, balanceCents: 0 },
  caNoticeMedical: {
    utilityId: CA_WATER,
    language: 'es',
    pastDueCents: 18240,
    pastDueDays: 64,
    notice: true,
    protections: ['medical'],
  },
  caCurrent: { utilityId: CA_WATER, balanceCents: 0 },
  caMarinPastDue: { utilityId: MARIN, pastDueCents: 15010, pastDueDays: 61 },
  caElectricNoticeLifeSupport: {
    utilityId: CA_ELECTRIC,
    pastDueCents: 22000,
    pastDueDays: 70,
    notice: true,
    protections: ['life-support'],
    usage: ONE_HIGH_PERIOD,
  },
  caElectricCurrent: { utilityId: CA_ELECTRIC, balanceCents: 0 },
} satisfies Record<string, SampleOptions>;

type AccountName = keyof typeof accounts;

interface Row {
  /** What the row proves, in the words of the job. */
  when: string;
  account: AccountName | null;
  agent?: CallFacts;
  /** The caller's answers by step id; a list when the step is asked again (the number of an option). */
  answers: Record<string, string | string[]>;
  /** Every step the agent is shown, in order (branches are decided on the way, not shown). */
  path: string[];
  /** What the script does: panels with their values, service orders, transfers. */
  does?: string[];
  wrapUp: string;
}

const DATE = '2026-03-20';

/** The library, flow by flow. */
const table: Record<string, Row[]> = {
  'greeting-verification': [
    {
      when: 'a caller who cannot verify hears nothing of the account',
      account: 'paCurrent',
      answers: { verify: '2' },
      path: ['greeting', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
    {
      when: 'no account on screen: the agent finds it first; no bill on file yet',
      account: null,
      answers: { verify: '1', holder: '1', reason: '1', 'anything-else': '2' },
      path: [
        'greeting',
        'find-account',
        'verify',
        'holder',
        'reason',
        'no-bill',
        'anything-else',
        'closing',
      ],
      wrapUp: 'billing-question',
    },
    {
      when: 'an authorized third party asks about an estimated bill, then a past-due balance',
      account: 'paEstimatedPastDue',
      answers: {
        verify: '1',
        holder: '2',
        'who-is-calling': 'Luis Medina, son',
        authorized: '1',
        reason: ['1', '2'],
        'anything-else': ['1', '2'],
      },
      path: [
        'greeting',
        'verify',
        'holder',
        'who-is-calling',
        'authorized',
        'reason',
        'read-bill',
        'estimated',
        'anything-else',
        'reason',
        'balance',
        'past-due',
        'anything-else',
        'closing',
      ],
      wrapUp: 'billing-question',
    },
    {
      when: 'a third party the holder has not authorized is refused',
      account: 'paCurrent',
      answers: { verify: '1', holder: '2', 'who-is-calling': 'A neighbor', authorized: '2' },
      path: [
        'greeting',
        'verify',
        'holder',
        'who-is-calling',
        'authorized',
        'not-verified',
        'closing-unverified',
      ],
      wrapUp: 'other',
    },
    {
      when: 'the holder of a current account asks one thing after another',
      account: 'paCurrent',
      answers: {
        verify: '1',
        holder: '1',
        reason: ['1', '2', '3', '4'],
        'anything-else': ['1', '1', '1', '2'],
      },
      path: [
        'greeting',
        'verify',
        'holder',
        'reason',
        'read-bill',
        'anything-else',
        'reason',
        'balance',
        'anything-else',
        'reason',
        'ways-to-pay',
        'anything-else',
        'reason',
        'other-request',
        'anything-else',
        'closing',
      ],
      wrapUp: 'billing-question',
    },
  ],

  'high-bill': [
    {
      when: 'two high periods in a row (a probable leak), repaired: the leak adjustment',
      account: 'paTwoHighPeriods',
      answers: { verify: '1', 'water-changes': '1', repaired: '1' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'leak-pattern',
        'water-changes',
        'repaired',
        'leak-adjustment-terms',
        'leak-adjustment',
        'closing',
      ],
      does: ['panel adjustment kind=leak proofOfRepair=true'],
      wrapUp: 'high-bill',
    },
    {
      when: 'a probable leak not repaired yet: repair first, no adjustment',
      account: 'paTwoHighPeriods',
      answers: { verify: '1', 'water-changes': '1', repaired: '2' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'leak-pattern',
        'water-changes',
        'repaired',
        'repair-first',
        'closing',
      ],
      wrapUp: 'high-bill',
    },
    {
      when: 'one high period, more people at home: the bill calculator on the bill’s usage',
      account: 'paOneHighPeriod',
      answers: { verify: '1', 'water-changes': '2' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'higher-than-usual',
        'water-changes',
        'explain-use',
        'bill-calculator',
        'closing',
      ],
      does: ['panel bill-calculator usage=1.2'],
      wrapUp: 'high-bill',
    },
    {
      when: 'an estimated read comes before any usage question: a re-read is ordered',
      account: 'paEstimatedPastDue',
      answers: { verify: '1' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'estimated',
        'reread',
        'reread-done',
        'closing',
      ],
      does: ['service order reread'],
      wrapUp: 'high-bill',
    },
    {
      when: 'use as usual: the bill is explained',
      account: 'paCurrent',
      answers: { verify: '1' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'usual-use',
        'explain-bill',
        'closing',
      ],
      does: ['panel high-usage'],
      wrapUp: 'high-bill',
    },
    {
      when: 'a second bill: compared with the average only, there is no last year',
      account: 'paSecondBill',
      answers: { verify: '1' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-average',
        'usual-use',
        'explain-bill',
        'closing',
      ],
      does: ['panel high-usage'],
      wrapUp: 'high-bill',
    },
    {
      when: 'a first bill: nothing to compare with',
      account: 'paFirstBill',
      answers: { verify: '1' },
      path: ['greeting', 'verify', 'read-bill', 'usual-use', 'explain-bill', 'closing'],
      does: ['panel high-usage'],
      wrapUp: 'high-bill',
    },
    {
      when: 'the detail has not arrived, no change at home: a meter test is offered and ordered',
      account: 'paNoticeDetailNotFetched',
      answers: { verify: '1', 'water-changes': '3', 'meter-test-offer': '1' },
      path: [
        'greeting',
        'verify',
        'no-detail',
        'water-changes',
        'meter-test-offer',
        'meter-test',
        'closing',
      ],
      does: ['service order meter-test'],
      wrapUp: 'high-bill',
    },
    {
      when: 'an electric account: the electric questions; no change, the test declined',
      account: 'caElectricNoticeLifeSupport',
      answers: { verify: '1', 'electric-changes': '2', 'meter-test-offer': '2' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'higher-than-usual',
        'electric-changes',
        'meter-test-offer',
        'closing',
      ],
      wrapUp: 'high-bill',
    },
    {
      when: 'an electric account with more use at home',
      account: 'caElectricNoticeLifeSupport',
      answers: { verify: '1', 'electric-changes': '1' },
      path: [
        'greeting',
        'verify',
        'read-bill',
        'compare-both',
        'higher-than-usual',
        'electric-changes',
        'explain-use',
        'bill-calculator',
        'closing',
      ],
      does: ['panel bill-calculator usage=720'],
      wrapUp: 'high-bill',
    },
    {
      when: 'a caller who cannot verify',
      account: 'paTwoHighPeriods',
      answers: { verify: '2' },
      path: ['greeting', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
  ],

  'leak-emergency': [
    {
      when: 'an electric utility: straight to its emergency line, warm',
      account: 'caElectricCurrent',
      answers: {},
      path: ['greeting', 'electric-emergency', 'electric-transfer', 'closing'],
      does: ['transfer number 5105550111 warm'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'danger to people: the emergency dispatcher, warm',
      account: 'paCurrent',
      answers: { safety: '1' },
      path: ['greeting', 'safety', 'danger', 'dispatcher', 'closing'],
      does: ['transfer number 2155550111 warm'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'water in the street: a main-break order at the place the caller gives',
      account: 'paCurrent',
      answers: { safety: '2', what: '1', location: 'Corner of 12th and Dickinson' },
      path: ['greeting', 'safety', 'what', 'location', 'main-break', 'crew-sent', 'closing'],
      does: ['service order emergency-main-break notes=Corner of 12th and Dickinson'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'no water on an inactive account: service must be started',
      account: 'paInactive',
      answers: { safety: '2', what: '2' },
      path: ['greeting', 'safety', 'what', 'not-active', 'closing-start'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'no water after a shut-off for non-payment: restore through an arrangement',
      account: 'paNotice',
      answers: { safety: '2', what: '2', 'shut-off-for-nonpayment': '1' },
      path: [
        'greeting',
        'safety',
        'what',
        'shut-off-for-nonpayment',
        'restore',
        'restore-arrangement',
        'closing-disconnection',
      ],
      does: ['panel arrangement'],
      wrapUp: 'disconnection',
    },
    {
      when: 'no water, a notice but not shut off, neighbors too: an area outage',
      account: 'paNotice',
      answers: { safety: '2', what: '2', 'shut-off-for-nonpayment': '2', neighbors: '1' },
      path: [
        'greeting',
        'safety',
        'what',
        'shut-off-for-nonpayment',
        'neighbors',
        'area-outage',
        'crew-sent',
        'closing',
      ],
      does: ['service order emergency-no-water'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'no water at this premise only',
      account: 'paCurrent',
      answers: { safety: '2', what: '2', neighbors: '2' },
      path: ['greeting', 'safety', 'what', 'neighbors', 'premise-no-water', 'closing'],
      does: ['service order emergency-no-water'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'a leak at the meter: a leak investigation',
      account: 'paCurrent',
      answers: { safety: '2', what: '3' },
      path: ['greeting', 'safety', 'what', 'meter-leak', 'closing'],
      does: ['service order leak-investigation'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'a leak inside, the caller closes the shut-off valve',
      account: 'paCurrent',
      answers: { safety: '2', what: '4', 'shutoff-valve': '1' },
      path: [
        'greeting',
        'safety',
        'what',
        'shutoff-valve',
        'close-valve',
        'adjustment-note',
        'closing',
      ],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'a leak inside, no valve: the curb stop is turned off',
      account: 'paCurrent',
      answers: { safety: '2', what: '4', 'shutoff-valve': '2', 'curb-shutoff': '1' },
      path: [
        'greeting',
        'safety',
        'what',
        'shutoff-valve',
        'curb-shutoff',
        'curb-order',
        'adjustment-note',
        'closing',
      ],
      does: ['service order turn-off'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'a leak inside, no valve, the curb stop declined',
      account: 'paCurrent',
      answers: { safety: '2', what: '4', 'shutoff-valve': '2', 'curb-shutoff': '2' },
      path: [
        'greeting',
        'safety',
        'what',
        'shutoff-valve',
        'curb-shutoff',
        'adjustment-note',
        'closing',
      ],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'low pressure, a field check wanted',
      account: 'paCurrent',
      answers: { safety: '2', what: '5', 'field-check': '1' },
      path: [
        'greeting',
        'safety',
        'what',
        'pressure',
        'field-check',
        'field-check-order',
        'closing',
      ],
      does: ['service order leak-investigation'],
      wrapUp: 'leak-emergency',
    },
    {
      when: 'low pressure, no field check',
      account: 'paCurrent',
      answers: { safety: '2', what: '5', 'field-check': '2' },
      path: ['greeting', 'safety', 'what', 'pressure', 'field-check', 'closing'],
      wrapUp: 'leak-emergency',
    },
  ],

  'disconnection-notice': [
    {
      when: 'California water, a notice and a medical certificate: the date, the medical protection, SB 998’s rights',
      account: 'caNoticeMedical',
      agent: MARISOL,
      answers: { verify: '1', resolve: '2' },
      path: [
        'greeting',
        'verify',
        'read-notice',
        'read-date',
        'medical-on-file',
        'rights-ca',
        'rights-ca-more',
        'resolve',
        'open-arrangement',
        'closing',
      ],
      does: ['panel arrangement'],
      wrapUp: 'disconnection',
    },
    {
      when: 'Philadelphia: its shut-off rules are not loaded, so no date is read; Pennsylvania’s terms',
      account: 'paNotice',
      answers: { verify: '1', resolve: '1' },
      path: ['greeting', 'verify', 'read-notice', 'rights-pa', 'resolve', 'how-to-pay', 'closing'],
      wrapUp: 'disconnection',
    },
    {
      when: 'Maine with a medical emergency: the date, the protection, the Commission’s rules; assistance',
      account: 'meNoticeMedical',
      answers: { verify: '1', resolve: '3' },
      path: [
        'greeting',
        'verify',
        'read-notice',
        'read-date',
        'medical-on-file',
        'rights-me',
        'resolve',
        'open-assistance',
        'closing',
      ],
      does: ['panel assistance'],
      wrapUp: 'disconnection',
    },
    {
      when: 'California electric with life support: the utility’s own policy; a dispute noted',
      account: 'caElectricNoticeLifeSupport',
      answers: { verify: '1', resolve: '4', dispute: 'The meter was read twice' },
      path: [
        'greeting',
        'verify',
        'read-notice',
        'read-date',
        'medical-on-file',
        'rights-ca-electric',
        'resolve',
        'dispute',
        'dispute-noted',
        'closing',
      ],
      wrapUp: 'disconnection',
    },
    {
      when: 'past due with no notice: no rights read, the balance resolved',
      account: 'caMarinPastDue',
      answers: { verify: '1', resolve: '2' },
      path: [
        'greeting',
        'verify',
        'no-notice',
        'past-due-only',
        'resolve',
        'open-arrangement',
        'closing',
      ],
      does: ['panel arrangement'],
      wrapUp: 'disconnection',
    },
    {
      when: 'nothing past due and no notice: a billing question',
      account: 'paCurrent',
      answers: { verify: '1' },
      path: ['greeting', 'verify', 'no-notice', 'closing-no-notice'],
      wrapUp: 'billing-question',
    },
    {
      when: 'the notice not fetched yet: the past-due amount is still resolved',
      account: 'paNoticeDetailNotFetched',
      answers: { verify: '1', resolve: '1' },
      path: [
        'greeting',
        'verify',
        'no-notice',
        'past-due-only',
        'resolve',
        'how-to-pay',
        'closing',
      ],
      wrapUp: 'disconnection',
    },
    {
      when: 'a caller who cannot verify',
      account: 'paNotice',
      answers: { verify: '2' },
      path: ['greeting', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
  ],

  'payment-arrangement': [
    {
      when: 'an arrangement on file, kept',
      account: 'meArrangement',
      answers: { verify: '1', 'keep-plan': '1' },
      path: ['greeting', 'verify', 'read-past-due', 'current-plan', 'keep-plan', 'closing'],
      wrapUp: 'payment-arrangement',
    },
    {
      when: 'Maine, renegotiated and accepted: confirmed in writing (Ch. 660)',
      account: 'meArrangement',
      answers: {
        verify: '1',
        'keep-plan': '2',
        'down-payment': '50',
        months: '6',
        'plan-accepted': '1',
      },
      path: [
        'greeting',
        'verify',
        'read-past-due',
        'current-plan',
        'keep-plan',
        'renegotiate',
        'terms-me',
        'down-payment',
        'months',
        'open-plan',
        'plan-accepted',
        'confirm-in-writing',
        'closing',
      ],
      does: ['panel arrangement downPayment=50.00 months=6'],
      wrapUp: 'payment-arrangement',
    },
    {
      when: 'Philadelphia, accepted: Pennsylvania’s terms, confirmed on the call',
      account: 'paEstimatedPastDue',
      answers: { verify: '1', 'down-payment': '40', months: '12', 'plan-accepted': '1' },
      path: [
        'greeting',
        'verify',
        'read-past-due',
        'terms-pa',
        'down-payment',
        'months',
        'open-plan',
        'plan-accepted',
        'confirm',
        'closing',
      ],
      does: ['panel arrangement downPayment=40.00 months=12'],
      wrapUp: 'payment-arrangement',
    },
    {
      when: 'Philadelphia, refused, help wanted: TAP screening',
      account: 'paNotice',
      answers: {
        verify: '1',
        'down-payment': '50',
        months: '6',
        'plan-accepted': '2',
        'help-offer': '1',
      },
      path: [
        'greeting',
        'verify',
        'read-past-due',
        'terms-pa',
        'down-payment',
        'months',
        'open-plan',
        'plan-accepted',
        'help-offer',
        'tap',
        'screening',
        'closing',
      ],
      does: ['panel arrangement downPayment=50.00 months=6', 'panel assistance'],
      wrapUp: 'payment-arrangement',
    },
    {
      when: 'California, refused, help wanted: the low-income screening',
      account: 'caMarinPastDue',
      answers: {
        verify: '1',
        'down-payment': '30',
        months: '4',
        'plan-accepted': '2',
        'help-offer': '1',
      },
      path: [
        'greeting',
        'verify',
        'read-past-due',
        'terms-ca',
        'down-payment',
        'months',
        'open-plan',
        'plan-accepted',
        'help-offer',
        'low-income-ca',
        'screening',
        'closing',
      ],
      does: ['panel arrangement downPayment=30.00 months=4', 'panel assistance'],
      wrapUp: 'payment-arrangement',
    },
    {
      when: 'Maine, refused, help wanted: referred to the Commission, no plan',
      account: 'mePastDue',
      answers: {
        verify: '1',
        'down-payment': '20',
        months: '3',
        'plan-accepted': '2',
        'help-offer': '1',
      },
      path: [
        'greeting',
        'verify',
        'read-past-due',
        'terms-me',
        'down-payment',
        'months',
        'open-plan',
        'plan-accepted',
        'help-offer',
        'refer-maine',
        'closing-no-plan',
      ],
      does: ['panel arrangement downPayment=20.00 months=3'],
      wrapUp: 'billing-question',
    },
    {
      when: 'refused and no help wanted: a call back, no plan',
      account: 'paNotice',
      answers: {
        verify: '1',
        'down-payment': '50',
        months: '6',
        'plan-accepted': '2',
        'help-offer': '2',
      },
      path: [
        'greeting',
        'verify',
        'read-past-due',
        'terms-pa',
        'down-payment',
        'months',
        'open-plan',
        'plan-accepted',
        'help-offer',
        'call-back',
        'closing-no-plan',
      ],
      does: ['panel arrangement downPayment=50.00 months=6'],
      wrapUp: 'billing-question',
    },
    {
      when: 'nothing past due: nothing to arrange',
      account: 'paCurrent',
      answers: { verify: '1' },
      path: ['greeting', 'verify', 'nothing-past-due', 'closing-no-plan'],
      wrapUp: 'billing-question',
    },
    {
      when: 'a caller who cannot verify',
      account: 'paNotice',
      answers: { verify: '2' },
      path: ['greeting', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
  ],

  'assistance-programs': [
    {
      when: 'already enrolled',
      account: 'paDepositEnrolled',
      answers: { verify: '1' },
      path: ['greeting', 'verify', 'already-enrolled', 'closing'],
      wrapUp: 'assistance',
    },
    {
      when: 'Philadelphia, qualifies: screened with the household and income given',
      account: 'paCurrent',
      answers: { verify: '1', household: '3', income: '2400', qualifies: '1' },
      path: [
        'greeting',
        'verify',
        'programs-pa',
        'household',
        'income',
        'screen',
        'qualifies',
        'enroll',
        'closing',
      ],
      does: ['panel assistance household=3 income=2400.00'],
      wrapUp: 'assistance',
    },
    {
      when: 'California, qualifies, a medical need: the certification is explained',
      account: 'caCurrent',
      answers: { verify: '1', household: '4', income: '3100', qualifies: '1', 'medical-ca': '1' },
      path: [
        'greeting',
        'verify',
        'programs-ca',
        'household',
        'income',
        'screen',
        'qualifies',
        'medical-ca',
        'medical-certification',
        'enroll',
        'closing',
      ],
      does: ['panel assistance household=4 income=3100.00'],
      wrapUp: 'assistance',
    },
    {
      when: 'California, qualifies, no medical need',
      account: 'caCurrent',
      answers: { verify: '1', household: '2', income: '1800', qualifies: '1', 'medical-ca': '2' },
      path: [
        'greeting',
        'verify',
        'programs-ca',
        'household',
        'income',
        'screen',
        'qualifies',
        'medical-ca',
        'enroll',
        'closing',
      ],
      does: ['panel assistance household=2 income=1800.00'],
      wrapUp: 'assistance',
    },
    {
      when: 'Maine, does not qualify: referred',
      account: 'meNothingOwed',
      answers: { verify: '1', household: '1', income: '5200', qualifies: '2' },
      path: [
        'greeting',
        'verify',
        'programs-me',
        'household',
        'income',
        'screen',
        'qualifies',
        'refer-maine',
        'closing',
      ],
      does: ['panel assistance household=1 income=5200.00'],
      wrapUp: 'assistance',
    },
    {
      when: 'Philadelphia, does not qualify: other help',
      account: 'paCurrent',
      answers: { verify: '1', household: '1', income: '6000', qualifies: '2' },
      path: [
        'greeting',
        'verify',
        'programs-pa',
        'household',
        'income',
        'screen',
        'qualifies',
        'other-help',
        'closing',
      ],
      does: ['panel assistance household=1 income=6000.00'],
      wrapUp: 'assistance',
    },
    {
      when: 'a caller who cannot verify hears the programs, not whether the account is enrolled',
      account: 'paDepositEnrolled',
      answers: { verify: '2', household: '3', income: '2400', qualifies: '1' },
      path: [
        'greeting',
        'verify',
        'general-information',
        'programs-pa',
        'household',
        'income',
        'screen',
        'qualifies',
        'enroll',
        'closing',
      ],
      does: ['panel assistance household=3 income=2400.00'],
      wrapUp: 'assistance',
    },
  ],

  'start-service': [
    {
      when: 'a new customer with no account: Pennsylvania’s deposit policy',
      account: null,
      answers: {
        'customer-kind': '1',
        address: '4 Elm Street, Apt 2',
        'start-date': DATE,
        language: '2',
      },
      path: [
        'greeting',
        'customer-kind',
        'address',
        'start-date',
        'language',
        'deposit-policy',
        'open-start',
        'confirm',
        'closing',
      ],
      does: ['panel start-service date=2026-03-20 language=es'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'an existing customer in Maine, verified: Maine’s deposit rule',
      account: 'meNothingOwed',
      answers: {
        'customer-kind': '2',
        verify: '1',
        address: '9 Fore St',
        'start-date': DATE,
        language: '1',
      },
      path: [
        'greeting',
        'customer-kind',
        'verify',
        'address',
        'start-date',
        'language',
        'deposit-maine',
        'open-start',
        'confirm',
        'closing',
      ],
      does: ['panel start-service date=2026-03-20 language=en'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'an existing customer who cannot verify starts as a new one',
      account: 'paCurrent',
      answers: {
        'customer-kind': '2',
        verify: '2',
        address: '4 Elm Street',
        'start-date': DATE,
        language: '1',
      },
      path: [
        'greeting',
        'customer-kind',
        'verify',
        'not-verified',
        'address',
        'start-date',
        'language',
        'deposit-policy',
        'open-start',
        'confirm',
        'closing',
      ],
      does: ['panel start-service date=2026-03-20 language=en'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'an existing customer with no account on screen is not asked to verify',
      account: null,
      answers: { 'customer-kind': '2', address: '4 Elm Street', 'start-date': DATE, language: '1' },
      path: [
        'greeting',
        'customer-kind',
        'address',
        'start-date',
        'language',
        'deposit-policy',
        'open-start',
        'confirm',
        'closing',
      ],
      does: ['panel start-service date=2026-03-20 language=en'],
      wrapUp: 'start-stop-service',
    },
  ],

  'stop-service': [
    {
      when: 'nothing owed, no deposit: the stop order with the forwarding address',
      account: 'paCurrent',
      answers: { verify: '1', moving: '2', 'stop-date': DATE, forwarding: '77 Oak Ave, Camden NJ' },
      path: [
        'greeting',
        'verify',
        'moving',
        'stop-date',
        'forwarding',
        'open-stop',
        'confirm',
        'closing',
      ],
      does: ['panel stop-service date=2026-03-20 notes=77 Oak Ave, Camden NJ'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'moving within the area, a deposit held: transfer offered, the deposit applied',
      account: 'paDepositEnrolled',
      answers: { verify: '1', moving: '1', 'stop-date': DATE, forwarding: '5 Pine St' },
      path: [
        'greeting',
        'verify',
        'moving',
        'transfer-instead',
        'stop-date',
        'forwarding',
        'deposit-applied',
        'open-stop',
        'confirm',
        'closing',
      ],
      does: ['panel stop-service date=2026-03-20 notes=5 Pine St'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'a balance owed goes on the final bill',
      account: 'paNotice',
      answers: { verify: '1', moving: '2', 'stop-date': DATE, forwarding: '5 Pine St' },
      path: [
        'greeting',
        'verify',
        'moving',
        'stop-date',
        'forwarding',
        'balance-on-final',
        'open-stop',
        'confirm',
        'closing',
      ],
      does: ['panel stop-service date=2026-03-20 notes=5 Pine St'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'a caller who cannot verify',
      account: 'paCurrent',
      answers: { verify: '2' },
      path: ['greeting', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
  ],

  'transfer-service': [
    {
      when: 'a past-due balance moves with the customer',
      account: 'paNotice',
      answers: { verify: '1', 'new-address': '5 Pine St', 'stop-date': DATE, 'start-date': DATE },
      path: [
        'greeting',
        'verify',
        'new-address',
        'stop-date',
        'start-date',
        'balance-moves',
        'open-transfer',
        'confirm',
        'closing',
      ],
      does: ['panel transfer-service date=2026-03-20'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'nothing past due',
      account: 'paCurrent',
      answers: { verify: '1', 'new-address': '5 Pine St', 'stop-date': DATE, 'start-date': DATE },
      path: [
        'greeting',
        'verify',
        'new-address',
        'stop-date',
        'start-date',
        'open-transfer',
        'confirm',
        'closing',
      ],
      does: ['panel transfer-service date=2026-03-20'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'a caller who cannot verify',
      account: 'paCurrent',
      answers: { verify: '2' },
      path: ['greeting', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
  ],

  'change-account-holder': [
    {
      when: 'the holder has died: condolences, no verification of the deceased; the balance is settled',
      account: 'paNotice',
      answers: {
        why: '3',
        relationship: 'Daughter',
        'new-holder': 'Ana Whitfield',
        'new-phone': '2155550199',
        effective: DATE,
        language: '1',
      },
      path: [
        'greeting',
        'why',
        'condolences',
        'relationship',
        'new-holder',
        'new-phone',
        'effective',
        'language',
        'balance-settled',
        'deposit-policy',
        'open-change',
        'confirm',
        'closing',
      ],
      does: ['panel change-holder date=2026-03-20 language=en name=Ana Whitfield phone=2155550199'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'Maine, the holder moving out, verified, nothing owed: Maine’s deposit rule',
      account: 'meNothingOwed',
      answers: {
        why: '1',
        verify: '1',
        'new-holder': 'Sam Gagnon',
        'new-phone': '2075550133',
        effective: DATE,
        language: '2',
      },
      path: [
        'greeting',
        'why',
        'verify',
        'new-holder',
        'new-phone',
        'effective',
        'language',
        'deposit-maine',
        'open-change',
        'confirm',
        'closing',
      ],
      does: ['panel change-holder date=2026-03-20 language=es name=Sam Gagnon phone=2075550133'],
      wrapUp: 'start-stop-service',
    },
    {
      when: 'someone taking over who cannot verify',
      account: 'paCurrent',
      answers: { why: '2', verify: '2' },
      path: ['greeting', 'why', 'verify', 'not-verified', 'closing-unverified'],
      wrapUp: 'other',
    },
  ],

  'complaint-escalation': [
    {
      when: 'a complaint about staff goes to a lead, warm, in the leads’ queue',
      account: 'paCurrent',
      answers: { verify: '1', listen: 'Rude on the phone', category: '3', supervisor: '1' },
      path: [
        'greeting',
        'verify',
        'listen',
        'category',
        'staff',
        'supervisor',
        'transfer-lead',
        'closing',
      ],
      does: ['transfer queue care-leads warm'],
      wrapUp: 'complaint',
    },
    {
      when: 'a billing complaint resolved on the call',
      account: 'paCurrent',
      answers: { verify: '1', listen: 'Charged twice', category: '1', resolve: '1' },
      path: ['greeting', 'verify', 'listen', 'category', 'resolve', 'closing'],
      wrapUp: 'complaint',
    },
    {
      when: 'Philadelphia, not resolved, a call back instead of a transfer: where else to turn',
      account: 'paCurrent',
      answers: {
        verify: '1',
        listen: 'Crew left a hole',
        category: '2',
        resolve: '2',
        supervisor: '2',
      },
      path: [
        'greeting',
        'verify',
        'listen',
        'category',
        'resolve',
        'supervisor',
        'callback',
        'where-else-pa',
        'closing',
      ],
      wrapUp: 'complaint',
    },
    {
      when: 'California: the state’s commission',
      account: 'caCurrent',
      answers: { verify: '1', listen: 'x', category: '4', resolve: '2', supervisor: '2' },
      path: [
        'greeting',
        'verify',
        'listen',
        'category',
        'resolve',
        'supervisor',
        'callback',
        'where-else-ca',
        'closing',
      ],
      wrapUp: 'complaint',
    },
    {
      when: 'Maine: the Commission’s Consumer Assistance Division',
      account: 'meNothingOwed',
      answers: { verify: '2', listen: 'x', category: '1', resolve: '2', supervisor: '2' },
      path: [
        'greeting',
        'verify',
        'listen',
        'category',
        'resolve',
        'supervisor',
        'callback',
        'where-else-me',
        'closing',
      ],
      wrapUp: 'complaint',
    },
  ],

  interpreter: [
    {
      when: 'Spanish, and the agent speaks it: the agent goes on in Spanish',
      account: 'paCurrent',
      agent: MARISOL,
      answers: { language: '1' },
      path: ['hold-on', 'language', 'agent-speaks-spanish', 'closing'],
      wrapUp: 'other',
    },
    {
      when: 'Spanish, and the agent does not speak it: the Spanish queue',
      account: 'paCurrent',
      agent: ALEX,
      answers: { language: '1' },
      path: ['hold-on', 'language', 'spanish-queue', 'closing'],
      does: ['transfer queue care-es cold'],
      wrapUp: 'other',
    },
    {
      when: 'another language: the interpreter line joins',
      account: 'paCurrent',
      agent: MARISOL,
      answers: { language: '2', 'interpreter-joined': '1' },
      path: [
        'hold-on',
        'language',
        'interpreter-line',
        'interpreter-joined',
        'with-interpreter',
        'closing',
      ],
      wrapUp: 'other',
    },
    {
      when: 'another language, the interpreter line does not answer',
      account: 'paCurrent',
      answers: { language: '3', 'interpreter-joined': '2' },
      path: [
        'hold-on',
        'language',
        'interpreter-line',
        'interpreter-joined',
        'no-interpreter',
        'closing',
      ],
      wrapUp: 'other',
    },
  ],
};

/** An effect as the table writes it: what opens or where the call goes, with its values. */
function describeEffect(effect: FlowEffect): string | null {
  const values = (prefill: Record<string, string | number | boolean>) =>
    Object.entries(prefill)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => ` ${k}=${v}`)
      .join('');
  switch (effect.type) {
    case 'open-panel':
      if (effect.panel === 'service-order') {
        const { type, ...rest } = effect.prefill;
        return `service order ${type}${values(rest)}`;
      }
      return `panel ${effect.panel}${values(effect.prefill)}`;
    case 'transfer':
      return `transfer ${effect.kind} ${effect.to} ${effect.warm ? 'warm' : 'cold'}`;
    case 'wrap-up':
      return null;
  }
}

interface Followed {
  path: string[];
  does: string[];
  wrapUp: string | null;
  branches: string[];
}

/** Runs a flow as the agent would, answer by answer, to its end. */
function follow(flow: FlowDefinition, row: Row): Followed {
  const account = row.account
    ? sampleAccount(TODAY, { number: 'T-ROW-0001', ...accounts[row.account] })
    : null;
  const ctx = contextFor(account, row.agent ?? ALEX);
  const asked: Record<string, number> = {};
  const moves: Move[] = [];
  let move: Move = startRun(flow, ctx);
  moves.push(move);
  const path: string[] = [];
  for (let guard = 0; !move.run.finished; guard++) {
    if (guard > 100) throw new Error(`${flow.id}: no end after 100 steps`);
    const step = stepById(flow, move.run.at);
    path.push(step.id);
    if (step.kind === 'ask') {
      const given = row.answers[step.id];
      const n = asked[step.id] ?? 0;
      asked[step.id] = n + 1;
      const input = Array.isArray(given) ? given[n] : n === 0 ? given : undefined;
      if (input === undefined)
        throw new Error(`${flow.id}: no answer for ${step.id} (time ${n + 1})`);
      const outcome = answer(flow, move.run, ctx, input);
      if (!outcome.ok)
        throw new Error(`${flow.id}: ${step.id} refused ${input}: ${outcome.error.code}`);
      move = outcome;
    } else {
      const outcome = next(flow, move.run, ctx, { locale: 'en' });
      if ('ok' in outcome) throw new Error(`${flow.id}: next refused at ${step.id}`);
      move = outcome;
    }
    moves.push(move);
  }
  const effects = moves.flatMap((m) => m.effects);
  return {
    path,
    does: effects.map(describeEffect).filter((d): d is string => d !== null),
    wrapUp: effects.find((e) => e.type === 'wrap-up')?.code ?? null,
    branches: moves.flatMap((m) => m.branches.map((b) => `${b.branch}#${b.taken}`)),
  };
}

describe('the flow library takes the right path for each situation', () => {
  it('has a table for every flow of the library', () => {
    expect(Object.keys(table).sort()).toEqual(
      [
        'assistance-programs',
        'change-account-holder',
        'complaint-escalation',
        'disconnection-notice',
        'greeting-verification',
        'high-bill',
        'interpreter',
        'leak-emergency',
        'payment-arrangement',
        'start-service',
        'stop-service',
        'transfer-service',
      ].sort(),
    );
  });

  for (const [flowId, rows] of Object.entries(table)) {
    describe(flowId, () => {
      const flow = flowById(flowId);

      for (const row of rows) {
        it(row.when, () => {
          const followed = follow(flow, row);
          expect({ path: followed.path, does: followed.does, wrapUp: followed.wrapUp }).toEqual({
            path: row.path,
            does: row.does ?? [],
            wrapUp: row.wrapUp,
          });
        });
      }

      it('its rows take every case of every branch and end at every end', () => {
        const taken = new Set(rows.flatMap((row) => follow(flow, row).branches));
        const shown = new Set(rows.flatMap((row) => row.path));
        const everyCase = flow.steps.flatMap((s) =>
          s.kind === 'branch'
            ? [
                ...s.cases.map((_, i) => `${s.id}#${i}`),
                ...(s.otherwise ? [`${s.id}#otherwise`] : []),
              ]
            : [],
        );
        expect({
          casesWithoutARow: everyCase.filter((c) => !taken.has(c)),
          stepsWithoutARow: flow.steps
            .filter((s) => s.kind !== 'branch' && !shown.has(s.id))
            .map((s) => s.id),
        }).toEqual({ casesWithoutARow: [], stepsWithoutARow: [] });
      });
    });
  }
});
