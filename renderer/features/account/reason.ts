import type { TFunction } from 'i18next';
import type { CommandOutcome } from '../../../shared/cis';
import { ruleParams } from '../../../shared/collections/text';
import type { useFormat } from './format';

type Format = ReturnType<typeof useFormat>;

/**
 * Why the central system refused a command, in the agent's language: the rule's params with
 * amounts as money and dates as dates, and codes (a role, a status, an order type) as words.
 */
export function refusalText(t: TFunction, outcome: CommandOutcome | null, f: Format): string {
  if (outcome?.status !== 'rejected') return '';
  const details = outcome.details;
  const nested = (details.params as Record<string, unknown> | undefined) ?? {};
  const params: Record<string, unknown> = ruleParams({ ...details, ...nested }, f.locale, {
    date: (iso) => f.date(iso, 'long'),
  });
  for (const key of ['role', 'approver'] as const)
    if (typeof params[key] === 'string') params[key] = t(`account:signIn.roles.${params[key]}`);
  if (typeof params.orderType === 'string')
    params.orderType = t(`account:orders.types.${params.orderType}`);
  if (outcome.reasonKey === 'cis:rejected.accountNotActive' && typeof params.status === 'string')
    params.status = t(`account:status.${params.status}`);
  return t(outcome.reasonKey, params);
}
