import type { CollectionPolicyInput } from '../collections/policy';

const SB998 =
  'California Water Shutoff Protection Act (SB 998, 2018), Health and Safety Code §116900 and following';
const setting = (utility: string, note: string) => ({
  citation: `${utility} setting (not a published rule)`,
  utilitySetting: true,
  note,
});

/**
 * California's collection rules under SB 998, shared by the state's three launch utilities: each
 * utility's folder calls this with its id, its name and its service.
 */
export function californiaPolicy(
  utilityId: string,
  utilityName: string,
  service: 'water' | 'electric',
): CollectionPolicyInput {
  const forWater = service === 'water';
  return {
    utilityId,
    utilityName,
    state: 'CA',
    service,
    effective: '2020-02-01',
    sources: [
      {
        title: SB998,
        published:
          'compliance from 2020-02-01 for urban and CPUC-regulated systems (2020-04-01 for others)',
      },
      { title: 'Public Utilities Code §12823(c)', published: 'no date gathered' },
    ],
    helpKey: 'help.california',
    rightsKey: forWater ? 'rights.california' : 'rights.californiaElectric',
    notes: [
      'SB 998 applies to community water systems with more than 200 connections (compliance from 2020-02-01 for urban and CPUC-regulated systems).',
      'Disconnection only after 60 days delinquent (§116908(a)(1)(A)); the customer contacted at least 7 business days before.',
      'Medical protection (§116910) needs all three: a primary care provider\u2019s certification, financial inability (a household member on CalWORKs, CalFresh, general assistance, Medi-Cal, SSI/SSP or WIC, or income below 200% of the poverty guideline — strictly below: exactly 200% does not qualify), and willingness to enter a payment plan. Protection ends after 60 days of not complying with the plan or not paying current charges.',
      'Amortization "generally within 12 months" (PUC §12823(c)): the maximum term is 12 months.',
      'Below 200% of poverty: reconnection capped at $50 in normal hours and $150 outside (or the actual cost if lower); the inflation adjustment from 2021 was not gathered and is not applied.',
      'Below 200% of poverty: interest on delinquent bills is waived once every 12 months (§116914). The policy\u2019s late charge (a setting) is the charge on delinquent bills the waiver covers: it is not charged when the household qualifies and no waiver was given in the last 12 months.',
      'Life-support equipment on file does not stop a disconnection by itself: §116910 protects with a primary care provider\u2019s certification, financial inability and a plan, so the agent asks for the certificate.',
      'The length of a medical certificate is not set by the reference: the protection lasts while the certificate is on file and the three conditions hold.',
      ...(forWater
        ? []
        : [
            'Alameda Municipal Power is an electric utility: SB 998 covers water. The California water rules are applied as the utility\u2019s own policy until its electric rules (Rules & Regulations, 2019) are gathered, and the notice says so.',
          ]),
      'No field disconnection on weekends or holidays is the utility\u2019s setting (not gathered from a rule).',
      'Deposits, late fees, adjustment limits and field fees were not gathered: settings, labelled.',
    ],
    arrangement: {
      kinds: ['equal', 'installment-plus-current', ...(forWater ? [] : (['budget'] as const))],
      residential: {
        minDownPercent: '0',
        minMonths: 1,
        maxMonths: 12,
        minInstallmentCents: 1000,
        source: {
          citation: 'Public Utilities Code §12823(c): amortized generally within 12 months',
          note: 'minimum installment $10 is a setting',
        },
      },
      commercial: {
        minDownPercent: '0',
        minMonths: 1,
        maxMonths: 12,
        minInstallmentCents: 2500,
        source: {
          citation: 'Public Utilities Code §12823(c)',
          note: 'minimum installment $25 is a setting',
        },
      },
      maxArrangements: null,
      brokenLookbackMonths: null,
      currentBillsMustBePaid: {
        value: true,
        source: { citation: `${SB998}, §116910(b): current charges must be paid` },
      },
      leftoverCent: 'last',
      leftoverSource: setting(utilityName, 'the last installment takes the odd cent'),
      dueOn: 'bill-cycle',
      graceDays: {
        days: 60,
        source: { citation: `${SB998}, §116910(b): 60 days of not complying with the plan` },
      },
      writtenConfirmation: null,
      percentOfIncome: null,
      budget: forWater
        ? null
        : {
            maxAdjustmentsPerYear: 4,
            source: setting(utilityName, 'budget billing reviewed at most 4 times a year'),
          },
    },
    disconnection: {
      rulesGathered: true,
      minimumPastDue: null,
      minimumDaysPastDue: {
        days: 60,
        source: { citation: `${SB998}, §116908(a)(1)(A): delinquent at least 60 days` },
      },
      notice: {
        residentialDays: 7,
        nonResidentialDays: 7,
        businessDays: true,
        source: { citation: `${SB998}, §116908(a)(1)(A): contact at least 7 business days before` },
      },
      forbiddenDays: {
        weekends: true,
        holidays: true,
        dayBeforeHoliday: false,
        source: setting(utilityName, 'no disconnection on weekends or holidays'),
      },
      winter: null,
      medical: {
        protectionBusinessDays: null,
        requiresFinancialInabilityAndPlan: true,
        financialInabilityBelowPercentOfPoverty: 200,
        planFailureDays: 60,
        writtenConfirmationDays: null,
        certificateDays: null,
        source: {
          citation: `${SB998}, §116910`,
          note: 'no certificate length in the reference: the protection lasts while the certificate is on file',
        },
      },
      lifeSupport: {
        holds: false,
        source: {
          citation: `${SB998}, §116910: protection needs a primary care provider\u2019s certification that disconnection would be life-threatening, financial inability and a plan`,
        },
      },
      arrangementProtects: { source: { citation: `${SB998}, §116910` } },
      brokenUnconfirmedNeedsNewNotice: null,
    },
    deposit: {
      residentialOnlyIfCreditRisk: null,
      multipleOfAverageMonthly: '2',
      minimumCents: 0,
      waivers: {
        goodPaymentMonths: 12,
        lowIncomeBelowPercentOfPoverty: 200,
        protectionFromAbuseOrder: false,
      },
      refundAfterOnTimePayments: 12,
      annualInterestPercent: null,
      source: setting(utilityName, 'deposit rules not gathered'),
    },
    adjustments: {
      leak: {
        creditPercent: '50',
        averageMonths: 12,
        oncePerMonths: 12,
        proofRequired: true,
        source: setting(
          utilityName,
          'leak adjustment: 50% of the use above the 12-month average, once a year, with proof',
        ),
      },
      lateFeeReversal: {
        oncePerMonths: 12,
        source: setting(utilityName, 'one courtesy reversal a year'),
      },
      approvalLimits: {
        agentUpToCents: 10000,
        leadUpToCents: 50000,
        source: setting(utilityName, 'agents up to $100, team leads up to $500'),
      },
    },
    fees: {
      lateFee: {
        method: 'percent',
        percent: '10',
        minimumCents: 300,
        maximumCents: 3000,
        afterDays: 30,
        source: setting(
          utilityName,
          'modelled on Padre Dam MWD (10%, at least $3, at most $30): the utility\u2019s own late fee was not gathered',
        ),
      },
      lateFeeLowIncomeWaiver: {
        belowPercentOfPoverty: 200,
        oncePerMonths: 12,
        source: {
          citation: `${SB998}, §116914: interest on delinquent bills waived once every 12 months below 200% of the poverty guideline`,
          note: 'the statute names interest; the policy\u2019s late charge is the charge on delinquent bills it waives',
        },
      },
      returnedPaymentCents: { cents: 2500, source: setting(utilityName, 'returned payment fee') },
      fieldTripCents: { cents: 3500, source: setting(utilityName, 'field trip fee') },
      reconnection: {
        businessHoursCents: 7500,
        afterHoursCents: 20000,
        lowIncomeCap: {
          belowPercentOfPoverty: 200,
          businessHoursCents: 5000,
          afterHoursCents: 15000,
          source: {
            citation: `${SB998}, §116914`,
            note: 'inflation adjustment from 2021 not gathered',
          },
        },
        source: setting(utilityName, 'standard reconnection fees'),
      },
    },
    assistance: [
      {
        id: 'sb998-low-income',
        nameKey: 'programs.sb998.name',
        benefitKey: 'programs.sb998.benefit',
        referralKey: 'programs.sb998.referral',
        eligibility: { kind: 'below-percent-of-poverty', percent: 200 },
        source: { citation: `${SB998}, §116910 and §116914` },
      },
    ],
  };
}
