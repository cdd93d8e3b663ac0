import type { CollectionPolicyInput } from '../../collections/policy';

const PLANS = 'phila.gov, "Water bill payment plans" (about 2023)';
const TAP =
  'Philadelphia Code §19-1605; PWD Regulations Chapter 2 (Tiered Assistance Program, since 2017-07-01)';
const setting = (note: string) => ({
  citation: 'Philadelphia Water Department setting (not a published rule)',
  utilitySetting: true,
  note,
});

/** Philadelphia Water Department (the Water Revenue Bureau bills and collects). */
export const philadelphiaWaterPolicy: CollectionPolicyInput = {
  utilityId: 'philadelphia-water-pa',
  utilityName: 'Philadelphia Water Department',
  state: 'PA',
  service: 'water',
  effective: null,
  sources: [
    { title: PLANS, published: 'about 2023: the page gives no effective date' },
    { title: TAP, published: 'the program started 2017-07-01' },
  ],
  helpKey: 'help.philadelphia',
  rightsKey: 'rights.philadelphia',
  notes: [
    'Standard agreements: residential 25% down, the rest over 6 to 12 monthly installments; commercial 50% down, 3 to 6 months; at most 2 agreements (a third request is refused); current bills must also be paid.',
    'Where the odd cent of an installment goes is not published: the last installment takes it (a setting).',
    'TAP: monthly bill as a percent of household income by tier of the poverty guideline (at or below 50%: 2%; above 50% to 100%: 2.5%; above 100% to 150%: 3%), at least $12; eligibility at or below 150%. The tier percentages come from a secondary source (the city describes the range as 2–4%). The percentage is taken to cover the whole bill (water, sewer, stormwater), as the reference suggests. The guideline year is the one in force on the application date.',
    'PWD\u2019s shut-off rules were not gathered: Tapline never allows a disconnection for this utility and says so; notices come from the Water Revenue Bureau\u2019s own process.',
    'Deposits, fees and adjustment limits were not gathered: settings, labelled.',
  ],
  arrangement: {
    kinds: ['equal', 'installment-plus-current', 'percent-of-income'],
    residential: {
      minDownPercent: '25',
      minMonths: 6,
      maxMonths: 12,
      minInstallmentCents: 1000,
      source: { citation: PLANS, note: 'minimum installment $10 is a setting' },
    },
    commercial: {
      minDownPercent: '50',
      minMonths: 3,
      maxMonths: 6,
      minInstallmentCents: 2500,
      source: { citation: PLANS, note: 'minimum installment $25 is a setting' },
    },
    maxArrangements: { count: 2, source: { citation: `${PLANS}: at most 2 agreements` } },
    brokenLookbackMonths: null,
    currentBillsMustBePaid: {
      value: true,
      source: { citation: `${PLANS}: current bills must also be paid on time` },
    },
    leftoverCent: 'last',
    leftoverSource: setting('not published; the last installment takes the odd cent'),
    dueOn: 'bill-cycle',
    graceDays: { days: 5, source: setting('5 days') },
    writtenConfirmation: null,
    percentOfIncome: {
      eligibleUpToPercentOfPoverty: 150,
      tiers: [
        { upToPercentOfPoverty: 50, percentOfIncome: '2' },
        { upToPercentOfPoverty: 100, percentOfIncome: '2.5' },
        { upToPercentOfPoverty: 150, percentOfIncome: '3' },
      ],
      minimumMonthlyCents: 1200,
      source: { citation: TAP, note: 'tier percentages from a secondary source' },
    },
    budget: null,
  },
  disconnection: {
    rulesGathered: false,
    minimumPastDue: null,
    minimumDaysPastDue: null,
    notice: null,
    forbiddenDays: null,
    winter: null,
    medical: null,
    lifeSupport: null,
    arrangementProtects: { source: { citation: PLANS } },
    brokenUnconfirmedNeedsNewNotice: null,
  },
  deposit: {
    residentialOnlyIfCreditRisk: null,
    multipleOfAverageMonthly: '2',
    minimumCents: 0,
    waivers: {
      goodPaymentMonths: 12,
      lowIncomeBelowPercentOfPoverty: 150,
      protectionFromAbuseOrder: false,
    },
    refundAfterOnTimePayments: 12,
    annualInterestPercent: null,
    source: setting('deposit rules not gathered'),
  },
  adjustments: {
    leak: {
      creditPercent: '50',
      averageMonths: 12,
      oncePerMonths: 12,
      proofRequired: true,
      source: setting('leak adjustment rules not gathered'),
    },
    lateFeeReversal: { oncePerMonths: 12, source: setting('one courtesy reversal a year') },
    approvalLimits: {
      agentUpToCents: 10000,
      leadUpToCents: 50000,
      source: setting('agents up to $100, team leads up to $500'),
    },
  },
  fees: {
    lateFee: {
      method: 'percent',
      percent: '1.5',
      minimumCents: 0,
      maximumCents: null,
      afterDays: 30,
      source: setting('late fee not gathered: 1.5% of the past-due amount is a placeholder to set'),
    },
    lateFeeLowIncomeWaiver: null,
    returnedPaymentCents: { cents: 2000, source: setting('returned payment fee') },
    fieldTripCents: { cents: 2500, source: setting('field trip fee') },
    reconnection: {
      businessHoursCents: 5000,
      afterHoursCents: 10000,
      lowIncomeCap: null,
      source: setting('reconnection fee'),
    },
  },
  assistance: [
    {
      id: 'tap',
      nameKey: 'programs.tap.name',
      benefitKey: 'programs.tap.benefit',
      referralKey: 'programs.tap.referral',
      eligibility: { kind: 'at-or-below-percent-of-poverty', percent: 150 },
      source: { citation: TAP },
    },
    {
      id: 'senior-discount',
      nameKey: 'programs.seniorDiscount.name',
      benefitKey: 'programs.seniorDiscount.benefit',
      referralKey: 'programs.seniorDiscount.referral',
      eligibility: { kind: 'senior', minimumAge: null },
      source: {
        citation:
          'water.phila.gov, "Rate changes effective September 2021": senior citizens receive a 25% discount',
        note: 'age and income conditions not gathered',
      },
    },
  ],
};
