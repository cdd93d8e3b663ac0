/**
 * Suffixed keys. A class that bills two tiered charges scopes the keys of each with a suffix:
 * `commodity_charge: Tiered` reads `tier_starts_commodity` and `tier_prices_commodity`, and
 * `variable_drought_surcharge: Tiered` reads `tier_starts_drought`. Files scope the budget's
 * parts the same way (`budget_commodity: indoor+outdoor`, `indoor_commodity`, `gpcd_commodity`,
 * `landscape_factor_commodity`) while the formulas keep the plain names. So a name read inside a
 * scope is `name_<suffix>` where the class defines it, else `name`.
 */

/** Keys whose suffix names a scope: the tier lists and the budget of one charge. */
const SCOPING_KEY = /^(tier_starts|tier_prices|budget)_(.+)$/;

function tokens(name: string): string[] {
  return name.toLowerCase().split('_').filter(Boolean);
}

/** The suffixes a class scopes its keys by (`tier_starts_drought` → `drought`). */
export function suffixesOf(keys: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const key of keys) {
    const m = SCOPING_KEY.exec(key);
    if (m) out.add(m[2]);
  }
  return [...out];
}

/**
 * The scope a key belongs to: the longest suffix whose words appear together in the key's
 * name (`commodity_charge` and `indoor_commodity` → `commodity`, `variable_drought_surcharge`
 * → `drought`), or null.
 */
export function scopeOf(key: string, suffixes: readonly string[]): string | null {
  const words = tokens(key);
  let best: string | null = null;
  for (const suffix of suffixes) {
    const s = tokens(suffix);
    const found = words.some((_, i) => s.every((w, j) => words[i + j] === w));
    if (found && (!best || suffix.length > best.length)) best = suffix;
  }
  return best;
}

/** The key a name reads inside a scope: `name_<scope>` where it is defined, else `name`. */
export function scopedName(
  name: string,
  scope: string | null,
  defined: (key: string) => boolean,
): string {
  if (scope) {
    const key = `${name}_${scope}`;
    if (defined(key)) return key;
  }
  return name;
}
