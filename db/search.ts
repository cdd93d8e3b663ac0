/** Lower case, accents folded, punctuation to spaces: how names and addresses are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The distinct trigrams of each word of a folded text (words shorter than 3 count whole). */
export function trigrams(text: string): string[] {
  const out = new Set<string>();
  for (const word of fold(text).split(' ')) {
    if (word.length < 3) continue;
    for (let i = 0; i + 3 <= word.length; i++) out.add(word.slice(i, i + 3));
  }
  return [...out];
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * How well a typed query fits a name or an address, from 0 to 1: each typed word against its
 * best word of the candidate (a typed start of a word counts fully), averaged.
 */
export function fuzzyScore(query: string, candidate: string): number {
  const words = fold(candidate).split(' ').filter(Boolean);
  const typed = fold(query).split(' ').filter(Boolean);
  if (typed.length === 0 || words.length === 0) return 0;
  let total = 0;
  for (const t of typed) {
    let best = 0;
    for (const w of words) {
      if (w.startsWith(t)) {
        best = 1;
        break;
      }
      const len = Math.max(t.length, w.length);
      best = Math.max(best, 1 - editDistance(t, w) / len);
    }
    total += best;
  }
  return total / typed.length;
}

/** A word and every form of it with one letter deleted (symmetric-delete spelling correction). */
export function deleteVariants(word: string): string[] {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

/** How many edits a typed word may be from a name's word: one for short words, two for long ones. */
export function allowedEdits(word: string): number {
  return word.length <= 5 ? 1 : 2;
}
