import { programText, screenHousehold } from '../../shared/assistance';
import {
  type ArrangementPlan,
  ArrangementRequestError,
  computeDeposit,
  disconnectionNotice,
  evaluateDisconnection,
  lateFeeReversal,
  leakAdjustment,
  monthsApart,
  percentageAdjustment,
  planArrangement,
} from '../../shared/collections';
import { getUtilityProfile } from '../../shared/rates';
import {
  choiceOption,
  dateOption,
  dollarsOption,
  money,
  numberOption,
  parseOptions,
  requireOption,
  todayOption,
} from '../lib/args';
import { policyOption, printRules, rulesJson, ruleText } from '../lib/policy-option';
import { type CliCommand, EXIT, UsageError } from './types';

const lang = (v: string | undefined) => choiceOption(v, 'lang', ['en', 'es'] as const) ?? 'en';
const household = (income: string | undefined, size: string | undefined) => {
  if ((income === undefined) !== (size === undefined))
    throw new UsageError('--income and --household go together');
  if (income === undefined) return undefined;
  return {
    annualIncomeCents: dollarsOption(income, 'income')!,
    size: numberOption(size, 'household', { integer: true, min: 1 })!,
  };
};

function planJson(plan: ArrangementPlan) {
  return {
    kind: plan.kind,
    downPaymentCents: plan.downPaymentCents,
    installments: plan.installments.map((i) => ({
      due: i.due,
      amountCents: i.amountCents,
      ...(i.currentBillCents !== undefined ? { currentBillCents: i.currentBillCents } : {}),
    })),
    totalCents: plan.totalCents,
    currentBillsMustBePaid: plan.currentBillsMustBePaid,
    ...(plan.currentBalanceCents !== undefined
      ? { currentBalanceCents: plan.currentBalanceCents }
      : {}),
    writtenConfirmationBy: plan.writtenConfirmationBy,
  };
}

function printPlan(out: (t: string) => void, plan: ArrangementPlan): void {
  out(
    `  down payment ${money(plan.downPaymentCents)}; ${plan.installments.length} installments; total ${money(plan.totalCents)}`,
  );
  for (const i of plan.installments)
    out(
      `    ${String(i.number).padStart(2)}  ${i.due}  ${money(i.amountCents).padStart(10)}${i.currentBillCents !== undefined ? ` + current bill ${money(i.currentBillCents)}` : ''}`,
    );
  if (plan.currentBillsMustBePaid) out('  current bills must also be paid on time');
  if (plan.currentBalanceCents !== undefined)
    out(
      `  current balance ${money(plan.currentBalanceCents)}: not arranged, due on its own due date`,
    );
  if (plan.writtenConfirmationBy) out(`  confirm in writing by ${plan.writtenConfirmationBy}`);
}

export const arrangementCommand: CliCommand = {
  name: 'arrangement',
  summary:
    'plan a payment arrangement under the utility’s policy (or the refusal and the nearest plan)',
  usage:
    'arrangement --utility ID --past-due DOLLARS [--current DOLLARS] [--down DOLLARS] [--months N | --monthly DOLLARS] [--income DOLLARS --household N] [--class residential|commercial] [--kind equal|installment-plus-current|percent-of-income|budget] [--current-monthly DOLLARS] [--annual-billed DOLLARS] [--budget-adjusted-on YYYY-MM-DD ...] [--next-due YYYY-MM-DD] [--prior-arrangements N] [--broken-on YYYY-MM-DD ...] [--today YYYY-MM-DD] [--lang en|es] [--json]\n       installments fall on the utility’s bill cycle (every two months for Marin); exit 1 when refused',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      utility: { type: 'string' },
      'past-due': { type: 'string' },
      current: { type: 'string' },
      down: { type: 'string' },
      months: { type: 'string' },
      monthly: { type: 'string' },
      income: { type: 'string' },
      household: { type: 'string' },
      class: { type: 'string' },
      kind: { type: 'string' },
      'current-monthly': { type: 'string' },
      'annual-billed': { type: 'string' },
      'budget-adjusted-on': { type: 'string', multiple: true },
      'next-due': { type: 'string' },
      'prior-arrangements': { type: 'string' },
      'broken-on': { type: 'string', multiple: true },
      today: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const policy = policyOption(v.utility);
    if (v.months !== undefined && v.monthly !== undefined)
      throw new UsageError('give --months or --monthly, not both');
    const today = todayOption(v.today);
    const nextDue = dateOption(v['next-due'], 'next-due');
    for (const d of v['broken-on'] ?? []) dateOption(d, 'broken-on');
    for (const d of v['budget-adjusted-on'] ?? []) dateOption(d, 'budget-adjusted-on');
    // Installments follow the utility's own bill cycle; without --next-due, one cycle from today.
    const interval = monthsApart(getUtilityProfile(policy.utilityId)?.billFrequency ?? 'monthly');
    let decision: ReturnType<typeof planArrangement>;
    try {
      decision = planArrangement(
        policy,
        {
          class:
            choiceOption(v.class, 'class', ['residential', 'commercial'] as const) ?? 'residential',
          kind: choiceOption(v.kind, 'kind', [
            'equal',
            'installment-plus-current',
            'percent-of-income',
            'budget',
          ] as const),
          pastDueCents: dollarsOption(requireOption(v['past-due'], 'past-due'), 'past-due')!,
          currentCents: dollarsOption(v.current, 'current') ?? 0,
          currentMonthlyCents: dollarsOption(v['current-monthly'], 'current-monthly'),
          annualBilledCents: dollarsOption(v['annual-billed'], 'annual-billed'),
          budgetAdjustedOn: v['budget-adjusted-on'] ?? [],
          offer: {
            downPaymentCents: dollarsOption(v.down, 'down'),
            monthlyCents: dollarsOption(v.monthly, 'monthly'),
            months: numberOption(v.months, 'months', { integer: true, min: 1 }),
          },
          household: household(v.income, v.household),
          billCycle: {
            nextDueDate: (nextDue ?? today.add({ months: interval })).toString(),
            intervalMonths: interval,
          },
          prior: {
            count:
              numberOption(v['prior-arrangements'], 'prior-arrangements', {
                integer: true,
                min: 0,
              }) ?? 0,
            brokenOn: v['broken-on'] ?? [],
          },
        },
        today,
      );
    } catch (err) {
      if (err instanceof ArrangementRequestError) throw new UsageError(err.message);
      throw err;
    }
    const l = lang(v.lang);
    if (v.json) {
      io.out(
        JSON.stringify(
          decision.accepted
            ? { accepted: true, ...planJson(decision.plan), rules: rulesJson(decision.rules) }
            : {
                accepted: false,
                refusal: {
                  id: decision.refusal.id,
                  reason: ruleText(decision.refusal, l),
                  citation: decision.refusal.citation,
                },
                nearest: decision.nearest ? planJson(decision.nearest) : null,
                downPaymentCents: null,
                installments: [],
                totalCents: null,
                rules: rulesJson(decision.rules),
              },
        ),
      );
    } else {
      io.out(`${policy.utilityName}: ${decision.accepted ? 'ACCEPTED' : 'REFUSED'}`);
      if (decision.accepted) printPlan(io.out, decision.plan);
      else {
        io.out(`  ${ruleText(decision.refusal, l)}`);
        if (decision.nearest) {
          io.out('  nearest plan the policy accepts:');
          printPlan(io.out, decision.nearest);
        }
      }
      io.out('rules:');
      printRules(io.out, decision.rules, l);
    }
    return decision.accepted ? EXIT.ok : EXIT.findings;
  },
};

export const shutoffCommand: CliCommand = {
  name: 'shutoff',
  summary: 'may service be disconnected, from when, and every rule checked',
  usage:
    'shutoff --utility ID --past-due DOLLARS --days-past-due N [--notice-served YYYY-MM-DD] [--medical [--medical-reported YYYY-MM-DD] [--medical-certified [--medical-oral] [--medical-written-on YYYY-MM-DD]]] [--life-support] [--arrangement good|broken|none] [--unconfirmed] [--income DOLLARS --household N] [--public-assistance] [--willing-plan] [--plan-failing-days N] [--class residential|commercial] [--bills-per-year N] [--with-sewer DOLLARS] [--winter-permission] [--today YYYY-MM-DD] [--notice [--name TEXT] [--account TEXT] [--address TEXT]] [--lang en|es] [--json]\n       exit 0 when a shut-off is allowed today, 1 when it is not',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      utility: { type: 'string' },
      'past-due': { type: 'string' },
      'days-past-due': { type: 'string' },
      'notice-served': { type: 'string' },
      medical: { type: 'boolean' },
      'medical-certified': { type: 'boolean' },
      'medical-reported': { type: 'string' },
      'medical-oral': { type: 'boolean' },
      'medical-written-on': { type: 'string' },
      'life-support': { type: 'boolean' },
      arrangement: { type: 'string' },
      unconfirmed: { type: 'boolean' },
      income: { type: 'string' },
      household: { type: 'string' },
      'public-assistance': { type: 'boolean' },
      'willing-plan': { type: 'boolean' },
      'plan-failing-days': { type: 'string' },
      class: { type: 'string' },
      'bills-per-year': { type: 'string' },
      'with-sewer': { type: 'string' },
      'winter-permission': { type: 'boolean' },
      today: { type: 'string' },
      notice: { type: 'boolean' },
      name: { type: 'string' },
      account: { type: 'string' },
      address: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const policy = policyOption(v.utility);
    const today = todayOption(v.today);
    const writtenOn = dateOption(v['medical-written-on'], 'medical-written-on');
    const oral = v['medical-oral'] === true || writtenOn !== undefined;
    if (oral && !v['medical-certified'])
      throw new UsageError('--medical-oral and --medical-written-on go with --medical-certified');
    if (v['medical-certified'] && !v.medical)
      throw new UsageError('--medical-certified goes with --medical');
    const pastDueCents = dollarsOption(requireOption(v['past-due'], 'past-due'), 'past-due')!;
    const decision = evaluateDisconnection(
      policy,
      {
        class:
          choiceOption(v.class, 'class', ['residential', 'commercial'] as const) ?? 'residential',
        pastDueCents,
        daysPastDue: numberOption(
          requireOption(v['days-past-due'], 'days-past-due'),
          'days-past-due',
          { integer: true, min: 0 },
        )!,
        combinedSewerPastDueCents: dollarsOption(v['with-sewer'], 'with-sewer'),
        billsPerYear: numberOption(v['bills-per-year'], 'bills-per-year', {
          integer: true,
          min: 1,
        }),
        noticeServed: dateOption(v['notice-served'], 'notice-served')?.toString() ?? null,
        medical: v.medical
          ? {
              reportedOn: (
                dateOption(v['medical-reported'], 'medical-reported') ?? today
              ).toString(),
              certified: v['medical-certified'] === true,
              ...(oral ? { writtenConfirmationOn: writtenOn?.toString() ?? null } : {}),
            }
          : null,
        lifeSupport: v['life-support'] === true,
        winterPermission: v['winter-permission'] === true,
        arrangement:
          choiceOption(v.arrangement, 'arrangement', ['good', 'broken', 'none'] as const) ?? 'none',
        arrangementConfirmedInWriting: v.unconfirmed ? false : undefined,
        household: household(v.income, v.household),
        publicAssistance: v['public-assistance'] === true,
        willingToEnterPlan: v['willing-plan'] === true,
        planNonComplianceDays: numberOption(v['plan-failing-days'], 'plan-failing-days', {
          integer: true,
          min: 0,
        }),
      },
      today,
    );
    const l = lang(v.lang);
    if (v.json) {
      io.out(
        JSON.stringify({
          allowed: decision.allowed,
          earliest: decision.earliest,
          rules: rulesJson(decision.rules),
        }),
      );
    } else {
      io.out(
        `${policy.utilityName}: disconnection ${decision.allowed ? 'ALLOWED today' : 'NOT allowed today'}; ${decision.earliest ? `earliest ${decision.earliest}` : 'no date can be given (see the rules marked NO)'}`,
      );
      printRules(io.out, decision.rules, l);
      if (v.notice) {
        const notice = disconnectionNotice(
          policy,
          {
            customerName: v.name,
            accountNumber: v.account,
            serviceAddress: v.address,
            pastDueCents,
            earliest: decision.earliest,
          },
          l,
        );
        io.out(`\n${notice.title}\n`);
        for (const p of notice.paragraphs) io.out(p);
      }
    }
    return decision.allowed ? EXIT.ok : EXIT.findings;
  },
};

export const depositCommand: CliCommand = {
  name: 'deposit',
  summary: 'the deposit a new service owes, or its waiver and why',
  usage:
    'deposit --utility ID --average-bill DOLLARS [--class residential|commercial] [--on-time-months N] [--disconnected-last-12] [--pfa] [--income DOLLARS --household N] [--today YYYY-MM-DD] [--lang en|es] [--json]',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      utility: { type: 'string' },
      'average-bill': { type: 'string' },
      class: { type: 'string' },
      'on-time-months': { type: 'string' },
      'disconnected-last-12': { type: 'boolean' },
      pfa: { type: 'boolean' },
      income: { type: 'string' },
      household: { type: 'string' },
      today: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const policy = policyOption(v.utility);
    const decision = computeDeposit(
      policy,
      {
        class:
          choiceOption(v.class, 'class', ['residential', 'commercial'] as const) ?? 'residential',
        averageMonthlyBillCents: dollarsOption(
          requireOption(v['average-bill'], 'average-bill'),
          'average-bill',
        )!,
        onTimePaymentMonths: numberOption(v['on-time-months'], 'on-time-months', {
          integer: true,
          min: 0,
        }),
        disconnectedLast12Months: v['disconnected-last-12'] === true,
        protectionFromAbuseOrder: v.pfa === true,
        household: household(v.income, v.household),
      },
      todayOption(v.today),
    );
    if (v.json) io.out(JSON.stringify({ ...decision, rules: rulesJson(decision.rules) }));
    else {
      io.out(
        `${policy.utilityName}: deposit ${money(decision.amountCents)}${decision.waived ? ' (waived)' : ''}; refunded after ${decision.refundAfterOnTimePayments} on-time payments`,
      );
      printRules(io.out, decision.rules, lang(v.lang));
    }
    return EXIT.ok;
  },
};

export const adjustCommand: CliCommand = {
  name: 'adjust',
  summary: 'compute an adjustment (leak, late-fee reversal, percentage) and who must approve it',
  usage:
    'adjust --utility ID --type leak|late-fee|percent [--role agent|lead|admin] [--today YYYY-MM-DD] (exit 1 when not allowed)\n       leak: --leak-usage N --history N,N,... --rate DOLLARS_PER_UNIT [--proof] [--previous YYYY-MM-DD]\n       late-fee: --fee DOLLARS [--previous YYYY-MM-DD]\n       percent: --base DOLLARS --percent P',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      utility: { type: 'string' },
      type: { type: 'string' },
      role: { type: 'string' },
      today: { type: 'string' },
      'leak-usage': { type: 'string' },
      history: { type: 'string' },
      rate: { type: 'string' },
      proof: { type: 'boolean' },
      previous: { type: 'string', multiple: true },
      fee: { type: 'string' },
      base: { type: 'string' },
      percent: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const policy = policyOption(v.utility);
    const type = choiceOption(requireOption(v.type, 'type'), 'type', [
      'leak',
      'late-fee',
      'percent',
    ] as const)!;
    const role = choiceOption(v.role, 'role', ['agent', 'lead', 'admin'] as const) ?? 'agent';
    const today = todayOption(v.today);
    const previous = (v.previous ?? []).map((d) => dateOption(d, 'previous')!.toString());
    let decision: ReturnType<typeof leakAdjustment>;
    if (type === 'leak') {
      const history = requireOption(v.history, 'history')
        .split(',')
        .map((h, i) => String(numberOption(h.trim(), `history[${i}]`, { min: 0 })));
      numberOption(requireOption(v['leak-usage'], 'leak-usage'), 'leak-usage', { min: 0 });
      numberOption(requireOption(v.rate, 'rate'), 'rate', { min: 0 });
      decision = leakAdjustment(
        policy,
        {
          leakUsage: v['leak-usage']!,
          history,
          unit: getUtilityProfile(policy.utilityId)?.unit ?? '',
          ratePerUnit: v.rate!,
          proofOfRepair: v.proof === true,
          previousLeakAdjustments: previous,
        },
        role,
        today,
      );
    } else if (type === 'late-fee') {
      decision = lateFeeReversal(
        policy,
        {
          lateFeeCents: dollarsOption(requireOption(v.fee, 'fee'), 'fee')!,
          previousReversals: previous,
        },
        role,
        today,
      );
    } else {
      numberOption(requireOption(v.percent, 'percent'), 'percent');
      decision = percentageAdjustment(
        policy,
        { baseCents: dollarsOption(requireOption(v.base, 'base'), 'base')!, percent: v.percent! },
        role,
      );
    }
    if (v.json) io.out(JSON.stringify({ ...decision, rules: rulesJson(decision.rules) }));
    else {
      io.out(
        `${policy.utilityName}: ${decision.allowed ? 'allowed' : 'NOT allowed'}; amount ${money(decision.amountCents)}; approval: ${decision.approver}${decision.withinRole ? ` (a ${role} may post it)` : ` (beyond a ${role}'s limit: goes to the ${decision.approver}'s queue)`}`,
      );
      printRules(io.out, decision.rules, lang(v.lang));
    }
    return decision.allowed ? EXIT.ok : EXIT.findings;
  },
};

export const screenCommand: CliCommand = {
  name: 'screen',
  summary:
    'assistance screening: percent of the poverty guideline and the programs the household qualifies for',
  usage:
    'screen --household N --income DOLLARS [--year YYYY] [--utility ID] [--senior] [--today YYYY-MM-DD] [--lang en|es] [--json]',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      household: { type: 'string' },
      income: { type: 'string' },
      year: { type: 'string' },
      utility: { type: 'string' },
      senior: { type: 'boolean' },
      today: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const policy = v.utility ? policyOption(v.utility) : null;
    let result: ReturnType<typeof screenHousehold>;
    try {
      result = screenHousehold(
        policy,
        {
          householdSize: numberOption(requireOption(v.household, 'household'), 'household', {
            integer: true,
            min: 1,
          })!,
          annualIncomeCents: dollarsOption(requireOption(v.income, 'income'), 'income')!,
          year: numberOption(v.year, 'year', { integer: true }),
          senior: v.senior ? true : undefined,
        },
        todayOption(v.today),
      );
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const l = lang(v.lang);
    if (v.json) {
      io.out(
        JSON.stringify({
          percentOfPoverty: result.percentOfPoverty,
          guideline: result.guideline,
          programs: result.programs.map((p) => ({
            id: p.id,
            qualifies: p.qualifies,
            citation: p.citation,
            ...programText(p, l),
            referralEs: programText(p, 'es').referral,
            referralEn: programText(p, 'en').referral,
          })),
        }),
      );
    } else {
      io.out(
        `${result.percentOfPoverty}% of the ${result.guideline.year} poverty guideline (${money(result.guideline.lineCents)} for this household; ${result.guideline.citation})`,
      );
      if (!result.programs.length)
        io.out(
          policy
            ? '  no assistance programs loaded for this utility'
            : '  (give --utility to screen its programs)',
        );
      for (const p of result.programs) {
        const text = programText(p, l);
        io.out(
          `  ${p.qualifies === true ? 'QUALIFIES' : p.qualifies === 'ask' ? 'ASK      ' : 'no       '} ${text.name}: ${text.reason}`,
        );
        if (p.qualifies === true)
          io.out(`            ${text.benefit}\n            ${text.referral}`);
      }
    }
    return EXIT.ok;
  },
};
