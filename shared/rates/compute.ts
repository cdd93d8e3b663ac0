import { type Bill, type BillInput, BillInputError, billInput, quickBillInput } from './bill';
import { computeNativeBill } from './native';
import { type CompiledBill, compileNative } from './native-compiled';
import { computeOwrsProfileBill } from './owrs/profile-bill';
import type { NativeProfile, UtilityProfile } from './schema';

const compiled = new WeakMap<NativeProfile, CompiledBill | null>();

/** A native profile compiled once to fixed-point closures (null: a number that does not fit). */
function compiledOf(profile: NativeProfile): CompiledBill | null {
  let fast = compiled.get(profile);
  if (fast === undefined) {
    try {
      fast = compileNative(profile);
    } catch {
      fast = null;
    }
    compiled.set(profile, fast);
  }
  return fast;
}

/**
 * The bill for one account's usage under a utility profile: line items (code, description key,
 * quantity, rate, amount in cents, the rule that produced it) and the total. Bad input throws
 * BillInputError naming the field, the reason and the valid values.
 *
 * A native profile bills through its compiled form (native-compiled.ts: exact fixed-point
 * integers); what that form does not take — a rate change inside the period, a share of days
 * that does not terminate, bad input — is billed by native.ts over decimal.js, to the same cents.
 */
export function computeBill(profile: UtilityProfile, input: BillInput): Bill {
  let data = quickBillInput(input);
  if (!data) {
    const parsed = billInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BillInputError(issue.path.map(String).join('.') || 'input', issue.message);
    }
    data = parsed.data;
  }
  if (profile.kind === 'owrs') return computeOwrsProfileBill(profile, data);
  const fast = compiledOf(profile);
  if (fast) {
    try {
      return fast(data);
    } catch {
      // Not representable in fixed point, or bad input: decimal.js bills it or says why.
    }
  }
  return computeNativeBill(profile, data);
}
