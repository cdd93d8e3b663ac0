/**
 * No card number may ever reach the cache, a log, the outbox or the central system. One detector
 * for every free-text field: the text is read as digit groups with what stands between them, any
 * Unicode decimal digit read as its value (full-width, Arabic-Indic, Devanagari...), and a run of
 * consecutive groups holding 13 to 19 digits that passes the Luhn check is a card number when
 * the groups are joined by separators (spaces of any kind, zero-width and other invisible
 * characters, dots, slashes, dashes, underscores, commas, parentheses, new lines, tabs), or,
 * printed as cards are (groups of four, or four-six-five), by a few short words.
 */

/** Separators alone: at most this many characters between two groups. */
const MAX_SEPARATOR = 6;
/** Words between printed groups: at most this many characters and words. */
const MAX_WORDS_GAP = 24;
const MAX_WORDS = 3;

const digitChar = /\p{Nd}/u;
const separatorOnly = /^[\s\p{Cf}\p{P}\p{Sm}\p{Sc}\p{Sk}\p{Zs}]*$/u;
const letter = /\p{L}/u;

interface Group {
  digits: string;
  start: number;
  end: number;
}

/** The value 0–9 of a decimal digit of any script: decimal digits come in runs of ten in order. */
function digitValue(text: string, index: number): number {
  const cp = text.codePointAt(index) ?? 0;
  if (cp >= 48 && cp <= 57) return cp - 48;
  let first = cp;
  while (first > 0 && digitChar.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}

function groupsOf(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let index = 0;
  for (const ch of text) {
    if (digitChar.test(ch)) {
      const d = String(digitValue(text, index));
      if (current) current.digits += d;
      else current = { digits: d, start: index, end: index };
      current.end = index + ch.length;
    } else if (current) {
      groups.push(current);
      current = null;
    }
    index += ch.length;
  }
  if (current) groups.push(current);
  return groups;
}

type Gap = 'separator' | 'words' | 'apart';

function gapKind(gap: string): Gap {
  if (gap.length <= MAX_SEPARATOR && separatorOnly.test(gap)) return 'separator';
  if (gap.length > MAX_WORDS_GAP || !letter.test(gap)) return 'apart';
  const words = gap.split(/[^\p{L}]+/u).filter(Boolean);
  return words.length <= MAX_WORDS ? 'words' : 'apart';
}

/** Groups as a card prints them: all of four digits (the last may be shorter), or 4-6-5. */
function printedAsCard(lengths: number[]): boolean {
  if (lengths.join('-') === '4-6-5') return true;
  return lengths.every((n, i) => n === 4 || (i === lengths.length - 1 && n >= 1 && n <= 4));
}

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCard(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhn(digits);
}

/** A separator as written, with every run of spaces and invisible characters read as one space. */
function normalSeparator(gap: string): string {
  return gap.replace(/[\s\p{Zs}\p{Cf}]+/gu, ' ');
}

/**
 * Every span of the text that holds a card number, as [start, end) indexes. Groups of any length
 * count when one separator joins them all ("4 1 1 1 ...", "4111.1111.1111.1111"); mixed
 * separators or words count between groups printed as a card is ("4111 / 1111-1111 and 1111").
 * A date beside an amount ("12/07/2026 120.55") is neither.
 */
function cardSpans(text: string): Array<[number, number]> {
  const groups = groupsOf(text);
  const gaps = groups.slice(1).map((g, i) => text.slice(groups[i].end, g.start));
  const kinds = gaps.map(gapKind);
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    const separators = new Set<string>();
    let wordsBetween = false;
    for (let j = i; j < groups.length; j++) {
      if (j > i) {
        const kind = kinds[j - 1];
        if (kind === 'apart') break;
        if (kind === 'words') wordsBetween = true;
        else separators.add(normalSeparator(gaps[j - 1]));
      }
      digits += groups[j].digits;
      if (digits.length > 19) break;
      if (!isCard(digits)) continue;
      const lengths = groups.slice(i, j + 1).map((g) => g.digits.length);
      const oneSeparator = !wordsBetween && separators.size <= 1;
      if (oneSeparator || printedAsCard(lengths)) spans.push([groups[i].start, groups[j].end]);
    }
  }
  return spans;
}

export function containsCardNumber(text: string): boolean {
  return cardSpans(text.normalize('NFKC')).length > 0;
}

/**
 * The text with every card number in it blanked out, so what is left can be kept. The text is
 * normalized (NFKC) first: full-width digits and compatibility characters become their plain form.
 */
export function redactCardNumbers(text: string): string {
  const normal = text.normalize('NFKC');
  const spans = cardSpans(normal).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    out += `${normal.slice(at, Math.max(at, start))}••••`;
    at = end;
  }
  return out + normal.slice(at);
}

/** A field that names a record (`id`, `adjustmentId`, `billId`...): a system's id, not text typed. */
const ID_FIELD = /^id$|Id$/;

/**
 * Whether any text anywhere in a value (strings in arrays and objects) holds a card number. Ids
 * are not read: a random UUID reads as a card number about three times in a thousand (its digit
 * groups between letters and dashes), and a decision on such an adjustment was refused.
 */
export function cardNumberIn(value: unknown): boolean {
  if (typeof value === 'string') return containsCardNumber(value);
  if (Array.isArray(value)) return value.some(cardNumberIn);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([key, v]) => !ID_FIELD.test(key) && cardNumberIn(v));
  return false;
}

/** Digits of a phone number as typed in any format, without the US country code. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}
