/**
 * What a script may say about the account and the call: every `{{name}}` a prompt, a condition or
 * a prefill names must be listed here, with its type. The type decides how a prompt reads it
 * (money and dates through Intl for the prompt's language) and which comparisons make sense.
 * `optional` variables are missing on some accounts (no open notice, detail not fetched yet):
 * a prompt that reads one should sit behind a branch that checks it is `set`.
 */
export type VariableType =
  | 'money'
  | 'date'
  | 'number'
  | 'percent'
  | 'text'
  /** A unit of consumption's code (mcf, ccf, kwh): read as the bill's own label in the prompt's language. */
  | 'unit'
  | 'phone'
  | 'boolean'
  | 'enum';

export interface VariableSpec {
  type: VariableType;
  /** The values an enum takes (conditions are checked against them). */
  options?: readonly string[];
  optional?: boolean;
}

export const variableCatalog = {
  today: { type: 'date' },
  'agent.name': { type: 'text' },
  'agent.speaksSpanish': { type: 'boolean' },
  'caller.language': { type: 'enum', options: ['en', 'es'] },
  'caller.phone': { type: 'phone', optional: true },
  'customer.name': { type: 'text' },
  'account.number': { type: 'text' },
  'account.status': {
    type: 'enum',
    options: ['active', 'inactive', 'pending-start', 'pending-stop', 'closed'],
  },
  'account.class': { type: 'enum', options: ['residential', 'commercial'] },
  'account.language': { type: 'enum', options: ['en', 'es'] },
  'account.serviceAddress': { type: 'text' },
  'account.mailingAddress': { type: 'text', optional: true },
  'account.balance': { type: 'money' },
  'account.pastDue': { type: 'money' },
  'account.pastDueDays': { type: 'number' },
  'account.medical': { type: 'boolean' },
  'account.lifeSupport': { type: 'boolean' },
  'account.lowIncome': { type: 'boolean' },
  'account.arrangement': { type: 'boolean' },
  'account.openNotices': { type: 'number' },
  'account.autopay': { type: 'boolean', optional: true },
  'account.deposit': { type: 'money', optional: true },
  'account.assistance': { type: 'boolean', optional: true },
  'bill.total': { type: 'money', optional: true },
  'bill.dueOn': { type: 'date', optional: true },
  'bill.periodFrom': { type: 'date', optional: true },
  'bill.periodTo': { type: 'date', optional: true },
  'bill.usage': { type: 'number', optional: true },
  'bill.unit': { type: 'unit', optional: true },
  'bill.estimated': { type: 'boolean', optional: true },
  'usage.lastYear': { type: 'number', optional: true },
  'usage.average': { type: 'number', optional: true },
  'usage.percentOfAverage': { type: 'percent', optional: true },
  'usage.high': { type: 'boolean', optional: true },
  'usage.probableLeak': { type: 'boolean', optional: true },
  'notice.amount': { type: 'money', optional: true },
  'notice.issuedOn': { type: 'date', optional: true },
  'notice.earliestDisconnection': { type: 'date', optional: true },
  'arrangement.nextDue': { type: 'date', optional: true },
  'arrangement.nextAmount': { type: 'money', optional: true },
  'utility.name': { type: 'text' },
  'utility.state': { type: 'enum', options: ['PA', 'ME', 'CA'] },
  'utility.service': { type: 'enum', options: ['water', 'electric'] },
  'utility.customerServiceLine': { type: 'phone' },
  'utility.emergencyLine': { type: 'phone' },
  'utility.interpreterLine': { type: 'phone' },
  'utility.interpreterClientId': { type: 'text' },
  'utility.leadQueue': { type: 'text' },
  'utility.spanishQueue': { type: 'text' },
  'policy.downPercent': { type: 'percent', optional: true },
  'policy.minMonths': { type: 'number', optional: true },
  'policy.maxMonths': { type: 'number', optional: true },
  'policy.maxArrangements': { type: 'number', optional: true },
  'policy.shutoffRulesGathered': { type: 'boolean', optional: true },
  'policy.writtenConfirmationDays': { type: 'number', optional: true },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof variableCatalog;

/** A variable's value: money in integer cents, dates `YYYY-MM-DD`, phones as digits. */
export type VariableValue = string | number | boolean;

/** The values of one account and call; a name absent from the map is missing. */
export type FlowVariables = Partial<Record<VariableName, VariableValue>>;

export function variableSpec(name: string): VariableSpec | undefined {
  return Object.hasOwn(variableCatalog, name)
    ? (variableCatalog as Record<string, VariableSpec>)[name]
    : undefined;
}

/** Types a prompt can read aloud; a yes/no or a code is for conditions only. */
export function isReadable(type: VariableType): boolean {
  return type !== 'boolean' && type !== 'enum';
}
