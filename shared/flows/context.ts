import type { AccountDetail, AccountHeader, Language } from '../cis/entities';
import { compareUsage, type UsageThresholds } from '../usage/analysis';
import { consumptionHistory } from '../usage/reads';
import type { UtilityFacts } from './utility-facts';
import type { FlowVariables } from './variables';

/** The account a call is about: its header (always cached) and its detail once fetched. */
/** The usage flags' thresholds when a utility's profile gives none. */
export const DEFAULT_THRESHOLDS: UsageThresholds = {
  highRatio: '1.5',
  lowRatio: '0.5',
  leakRatio: '2',
};

export interface FlowAccount {
  header: AccountHeader;
  detail: AccountDetail | null;
}

export interface CallFacts {
  agentName: string;
  agentLanguages: readonly Language[];
  callerLanguage?: Language;
  callerPhone?: string;
  /** The utility when no account is open (the last account's, or the desk's). */
  utilityId?: string;
}

function utilityVariables(
  facts: UtilityFacts | undefined,
  accountClass: 'residential' | 'commercial',
) {
  const out: FlowVariables = {};
  if (!facts) return out;
  const terms = facts.terms[accountClass];
  out['utility.name'] = facts.name;
  out['utility.state'] = facts.state;
  out['utility.service'] = facts.service;
  out['policy.downPercent'] = terms.downPercent;
  out['policy.minMonths'] = terms.minMonths;
  out['policy.maxMonths'] = terms.maxMonths;
  if (facts.maxArrangements !== null) out['policy.maxArrangements'] = facts.maxArrangements;
  if (facts.writtenConfirmationDays !== null)
    out['policy.writtenConfirmationDays'] = facts.writtenConfirmationDays;
  out['policy.shutoffRulesGathered'] = facts.shutoffRulesGathered;
  if (facts.lines) {
    out['utility.customerServiceLine'] = facts.lines.customerServiceLine;
    out['utility.emergencyLine'] = facts.lines.emergencyLine;
    out['utility.interpreterLine'] = facts.lines.interpreterLine;
    out['utility.interpreterClientId'] = facts.lines.interpreterClientId;
    out['utility.leadQueue'] = facts.lines.leadQueue;
    out['utility.spanishQueue'] = facts.lines.spanishQueue;
  }
  return out;
}

function formatAddress(a: AccountDetail['customer']['mailingAddress']): string {
  return `${a.line1}${a.line2 ? `, ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.zip}`;
}

function detailVariables(
  detail: AccountDetail,
  today: string,
  thresholds: UsageThresholds,
): FlowVariables {
  const out: FlowVariables = {
    'account.mailingAddress': formatAddress(detail.customer.mailingAddress),
    'account.autopay': detail.autopay,
    'account.deposit': detail.depositCents,
    'account.assistance': detail.enrollments.some((e) => e.status === 'active'),
  };
  const bill = [...detail.bills].sort((a, b) => a.periodTo.localeCompare(b.periodTo)).at(-1);
  if (bill) {
    out['bill.total'] = bill.totalCents;
    out['bill.dueOn'] = bill.dueOn;
    out['bill.periodFrom'] = bill.periodFrom;
    out['bill.periodTo'] = bill.periodTo;
    out['bill.usage'] = Number(bill.usage);
    out['bill.unit'] = bill.unit;
    out['bill.estimated'] = bill.estimated;
  }
  const meter = detail.meters[0];
  if (meter) {
    const history = consumptionHistory(
      meter,
      detail.reads.filter((r) => r.meterId === meter.id && r.status === 'posted'),
    );
    const current = history.at(-1);
    if (current) {
      const cmp = compareUsage(history, current, thresholds, { vacant: detail.premise.vacant });
      if (cmp.sameLastYear) out['usage.lastYear'] = Number(cmp.sameLastYear.usage);
      if (cmp.twelveMonthAverage) {
        // The average period of the same length, so it reads beside this period's use.
        const average = Number(cmp.twelveMonthAverage.dailyUse) * current.days;
        out['usage.average'] = Number(average.toFixed(2));
      }
      if (cmp.ratioToAverage !== null)
        out['usage.percentOfAverage'] = Math.round(Number(cmp.ratioToAverage) * 100);
      out['usage.high'] = cmp.flags.includes('high');
      out['usage.probableLeak'] = cmp.flags.includes('probable-leak');
    }
  }
  const notice = detail.notices
    .filter((n) => n.status === 'open' && n.kind === 'disconnection')
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))
    .at(-1);
  if (notice) {
    out['notice.amount'] = notice.amountCents;
    out['notice.issuedOn'] = notice.issuedOn;
    if (notice.earliestDisconnection)
      out['notice.earliestDisconnection'] = notice.earliestDisconnection;
  }
  const arrangement = detail.arrangements.find((a) => a.status === 'active');
  const installment = arrangement?.installments
    .filter((i) => i.due >= today)
    .sort((a, b) => a.due.localeCompare(b.due))[0];
  if (installment) {
    out['arrangement.nextDue'] = installment.due;
    out['arrangement.nextAmount'] = installment.amountCents;
  }
  return out;
}

/**
 * Every variable a script can read, for one call: what the header always has, what the detail
 * adds once fetched, the utility's policy and lines, the agent and the caller.
 */
export function flowVariables(
  account: FlowAccount | null,
  call: CallFacts,
  today: string,
  utilities: Readonly<Record<string, UtilityFacts>>,
): FlowVariables {
  const callerLanguage = call.callerLanguage ?? account?.header.language ?? 'en';
  const base: FlowVariables = {
    today,
    'agent.name': call.agentName,
    'agent.speaksSpanish': call.agentLanguages.includes('es'),
    'caller.language': callerLanguage,
    ...(call.callerPhone ? { 'caller.phone': call.callerPhone } : {}),
  };
  if (!account) {
    const facts = call.utilityId ? utilities[call.utilityId] : undefined;
    return { ...base, ...utilityVariables(facts, 'residential') };
  }
  const h = account.header;
  return {
    ...base,
    'customer.name': h.name,
    'account.number': h.number,
    'account.status': h.status,
    'account.class': h.class,
    'account.language': h.language,
    'account.serviceAddress': h.serviceAddress,
    'account.balance': h.balanceCents,
    'account.pastDue': h.pastDueCents,
    'account.pastDueDays': h.pastDueDays,
    'account.medical': h.protections.includes('medical'),
    'account.lifeSupport': h.protections.includes('life-support'),
    'account.lowIncome': h.protections.includes('low-income'),
    'account.arrangement': h.activeArrangement,
    'account.openNotices': h.openNotices,
    ...utilityVariables(utilities[h.utilityId], h.class),
    ...(account.detail
      ? detailVariables(
          account.detail,
          today,
          utilities[h.utilityId]?.usageThresholds ?? DEFAULT_THRESHOLDS,
        )
      : {}),
  };
}
