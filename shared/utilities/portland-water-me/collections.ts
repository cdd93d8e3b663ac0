import type { CollectionPolicyInput } from '../../collections/policy';

const CH660 =
  'Maine PUC rules, 65-407 C.M.R. Chapter 660 (water utilities), in force since 2012-01-01';
const CH815 = 'Maine PUC rules, 65-407 C.M.R. Chapter 815 (electric and gas)';
const setting = (note: string) => ({
  citation: 'Portland Water District setting (not a published rule)',
  utilitySetting: true,
  note,
});

/** Portland Water District, under the Maine PUC's rules for water utilities (Chapter 660). */
export const portlandWaterPolicy: CollectionPolicyInput = {
  utilityId: 'portland-water-me',
  utilityName: 'Portland Water District',
  state: 'ME',
  service: 'water',
  effective: '2012-01-01',
  sources: [
    { title: CH660, published: 'in force since 2012-01-01' },
    {
      title: CH815,
      published: 'no date gathered; applied by analogy where Ch. 660 was not gathered',
    },
  ],
  helpKey: 'help.maine',
  rightsKey: 'rights.maine',
  notes: [
    'Ch. 660 §10(A)(1) allows disconnection when the undisputed overdue amount is more than $50.00. The rule is silent on exactly $50.00: the safe reading is taken, $50.00 does not qualify.',
    'The notice period for a first disconnection notice of water (Ch. 660 §10) was not gathered: the profile uses the §10(D) periods (14 days residential, 7 non-residential), which the rule sets for a new notice after a broken, unconfirmed arrangement.',
    'Ch. 660 §11 (medical emergency for water) was not gathered: the Ch. 815 §11 protection of electric and gas (3 business days once told; written confirmation within 7 days) is applied by analogy, the protective reading.',
    'Deposit amount (§7(E)) and interest (§7(H)) were not gathered: the amount is a District setting, interest is not computed.',
    'Arrangement terms (down payment, length, minimum installment) are not set by Ch. 660: they are District settings, labelled as such.',
    'The late charge is interest at the State Treasurer\u2019s rate for delinquent taxes, 25 days after the postmark; the rate changes yearly and the value here is a setting to update.',
  ],
  arrangement: {
    kinds: ['equal', 'installment-plus-current', 'budget'],
    residential: {
      minDownPercent: '0',
      minMonths: 1,
      maxMonths: 12,
      minInstallmentCents: 2000,
      source: setting('Ch. 660 sets no numbers for arrangement terms'),
    },
    commercial: {
      minDownPercent: '0',
      minMonths: 1,
      maxMonths: 6,
      minInstallmentCents: 5000,
      source: setting('Ch. 660 sets no numbers for arrangement terms'),
    },
    maxArrangements: null,
    brokenLookbackMonths: {
      months: 12,
      source: setting('a plan broken in the last 12 months is renegotiated by a lead'),
    },
    currentBillsMustBePaid: {
      value: true,
      source: {
        citation: `${CH660} §9: service continues while the arrangement is kept and new bills are paid on time`,
      },
    },
    leftoverCent: 'last',
    leftoverSource: setting('the odd cent goes on the last installment'),
    dueOn: 'bill-cycle',
    graceDays: {
      days: 5,
      source: setting('5 days after a due date before a missed installment breaks the plan'),
    },
    writtenConfirmation: {
      minimumPayments: 2,
      businessDays: 3,
      source: {
        citation: `${CH660} §9: an arrangement of 2 or more payments is confirmed in writing within 3 business days`,
      },
    },
    percentOfIncome: null,
    budget: {
      maxAdjustmentsPerYear: 4,
      source: {
        citation: `${CH815} §9 (levelized plans adjusted at most 4 times a year), applied to water by analogy`,
        utilitySetting: true,
      },
    },
  },
  disconnection: {
    rulesGathered: true,
    minimumPastDue: {
      moreThanCents: 5000,
      orOlderThanDays: 90,
      orBillsPerYearAtMost: 4,
      combinedSewerMoreThanCents: 10000,
      source: {
        citation: `${CH660} §10(A)(1)`,
        note: 'exactly $50.00 does not qualify (the rule is silent; safe reading)',
      },
    },
    minimumDaysPastDue: null,
    notice: {
      residentialDays: 14,
      nonResidentialDays: 7,
      businessDays: false,
      source: {
        citation: `${CH660} §10(D) periods`,
        note: 'the first-notice period of §10 was not gathered',
      },
    },
    forbiddenDays: {
      weekends: true,
      holidays: true,
      dayBeforeHoliday: true,
      source: setting('no field disconnection on weekends, holidays, or the day before a holiday'),
    },
    winter: null,
    medical: {
      protectionBusinessDays: 3,
      requiresFinancialInabilityAndPlan: false,
      financialInabilityBelowPercentOfPoverty: null,
      planFailureDays: null,
      writtenConfirmationDays: 7,
      certificateDays: null,
      source: {
        citation: `${CH815} §11, applied to water by analogy (Ch. 660 §11 not gathered)`,
        note: 'the length of a certified protection was not gathered: it lasts while the certificate is on file',
      },
    },
    lifeSupport: {
      holds: true,
      source: {
        citation: `${CH815} §11, applied to water by analogy: life-support equipment on file is a medical emergency the District has been told of`,
        utilitySetting: true,
        note: '§11 protects at least 3 business days once the utility is told; holding the shut-off while the record stands is the District\u2019s protective reading',
      },
    },
    arrangementProtects: { source: { citation: `${CH660} §9` } },
    brokenUnconfirmedNeedsNewNotice: {
      residentialDays: 14,
      nonResidentialDays: 7,
      source: { citation: `${CH660} §9 and §10(D)` },
    },
  },
  deposit: {
    residentialOnlyIfCreditRisk: {
      source: {
        citation: `${CH660} §7(A); 35-A M.R.S. §705: a residential deposit requires proof that the customer is a credit risk (e.g. a disconnection for nonpayment in the last 12 months)`,
      },
    },
    multipleOfAverageMonthly: '2',
    minimumCents: 0,
    waivers: {
      goodPaymentMonths: 12,
      lowIncomeBelowPercentOfPoverty: null,
      protectionFromAbuseOrder: true,
    },
    refundAfterOnTimePayments: 12,
    annualInterestPercent: null,
    source: setting(
      'amount 2 × the average monthly bill of the premise (§7(E) not gathered); no deposit from an applicant with a Protection from Abuse order (Ch. 815 §7(A), by analogy)',
    ),
  },
  adjustments: {
    leak: {
      creditPercent: '50',
      averageMonths: 12,
      oncePerMonths: 12,
      proofRequired: true,
      source: setting(
        '50% of the use above the 12-month average, once a year, with proof of repair (the Elyria, Ohio ordinance as a model)',
      ),
    },
    lateFeeReversal: { oncePerMonths: 12, source: setting('one courtesy reversal a year') },
    approvalLimits: {
      agentUpToCents: 10000,
      leadUpToCents: 50000,
      source: setting('agents up to $100, team leads up to $500, a manager above'),
    },
  },
  fees: {
    lateFee: {
      method: 'annual-interest',
      annualPercent: '8',
      afterDays: 25,
      source: {
        citation:
          'Portland Water District: interest at the State Treasurer\u2019s rate for delinquent taxes, 25 days after the postmark',
        utilitySetting: true,
        note: 'the rate (8%) is a yearly setting to update',
      },
    },
    lateFeeLowIncomeWaiver: null,
    returnedPaymentCents: { cents: 2500, source: setting('returned payment fee') },
    fieldTripCents: { cents: 3000, source: setting('field trip fee') },
    reconnection: {
      businessHoursCents: 5000,
      afterHoursCents: 10000,
      lowIncomeCap: null,
      source: setting('reconnection fee'),
    },
  },
  assistance: [],
};
