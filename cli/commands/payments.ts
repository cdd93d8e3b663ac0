import { returnedPaymentDecision } from '../../shared/payments';
import { getUtility, utilityIds } from '../../shared/utilities';
import {
  choiceOption,
  dollarsOption,
  money,
  numberOption,
  parseOptions,
  requireOption,
  todayOption,
} from '../lib/args';
import { printRules, rulesJson } from '../lib/policy-option';
import { type CliCommand, EXIT, UsageError } from './types';

export const returnedPaymentCommand: CliCommand = {
  name: 'returned-payment',
  summary:
    'what a returned check or bank payment brings: the returned-item fee held to the state cap, a cash-only period, the disconnection decided again',
  usage:
    'returned-payment --utility ID --amount DOLLARS [--prior-returns N] [--method check|ach] [--stopped-disconnection] [--today YYYY-MM-DD] [--lang en|es] [--json]',
  async run(argv, io) {
    const { values: v } = parseOptions(argv, {
      utility: { type: 'string' },
      amount: { type: 'string' },
      'prior-returns': { type: 'string' },
      method: { type: 'string' },
      'stopped-disconnection': { type: 'boolean' },
      today: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
    } as const);
    const id = requireOption(v.utility, 'utility');
    const utility = getUtility(id);
    if (!utility) throw new UsageError(`unknown utility "${id}" (valid: ${utilityIds.join(', ')})`);
    const amount = dollarsOption(requireOption(v.amount, 'amount'), 'amount')!;
    if (amount <= 0) throw new UsageError(`--amount must be more than $0.00, not "${v.amount}"`);
    const priorReturns =
      numberOption(v['prior-returns'], 'prior-returns', { integer: true, min: 0 }) ?? 0;
    const method = choiceOption(v.method, 'method', ['check', 'ach'] as const) ?? 'check';
    const lang = choiceOption(v.lang, 'lang', ['en', 'es'] as const) ?? 'en';
    const today = todayOption(v.today);
    const decision = returnedPaymentDecision(
      utility.payments,
      { priorReturns, method, stoppedDisconnection: v['stopped-disconnection'] === true },
      today,
    );
    if (v.json) {
      io.out(
        JSON.stringify({
          feeCents: decision.feeCents,
          cashOnlyUntil: decision.cashOnlyUntil,
          rules: rulesJson(decision.rules),
        }),
      );
    } else {
      io.out(
        `${utility.collections.utilityName}: returned ${method} of ${money(amount)}; fee ${money(decision.feeCents)}; cash only ${decision.cashOnlyUntil ? `until ${decision.cashOnlyUntil}` : 'not required'}`,
      );
      printRules(io.out, decision.rules, lang);
    }
    return EXIT.ok;
  },
};
