import { type Bill, type BillInput, BillInputError, billInput } from './bill';
import { computeNativeBill } from './native';
import { computeOwrsProfileBill } from './owrs/profile-bill';
import type { UtilityProfile } from './schema';

/**
 * The bill for one account's usage under a utility profile: line items (code, description key,
 * quantity, rate, amount in cents, the rule that produced it) and the total. Bad input throws
 * BillInputError naming the field, the reason and the valid values.
 */
export function computeBill(profile: UtilityProfile, input: BillInput): Bill {
  const parsed = billInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BillInputError(issue.path.map(String).join('.') || 'input', issue.message);
  }
  return profile.kind === 'native'
    ? computeNativeBill(profile, parsed.data)
    : computeOwrsProfileBill(profile, parsed.data);
}
