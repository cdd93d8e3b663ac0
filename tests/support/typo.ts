/**
 * A name as a hurried agent types it: in its longest word, two neighbouring letters swapped
 * (the first letter kept, as people keep it), or where every pair is alike, a letter changed.
 * Always different from the name, and one edit away from it. `at` (0 to 1) picks where.
 */
export function withTypo(name: string, at = 0.5): string {
  const words = name.split(' ');
  const longest = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
  const letters = [...words[longest]];
  const last = letters.length - 2;
  const from = 1 + Math.floor(at * Math.max(0, last));
  for (let k = 0; k < letters.length; k++) {
    const j = 1 + ((from - 1 + k) % Math.max(1, last));
    if (j + 1 < letters.length && letters[j] !== letters[j + 1]) {
      [letters[j], letters[j + 1]] = [letters[j + 1], letters[j]];
      words[longest] = letters.join('');
      return words.join(' ');
    }
  }
  const end = letters.length - 1;
  letters[end] = letters[end] === 'x' ? 'y' : 'x';
  words[longest] = letters.join('');
  return words.join(' ');
}
