import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardNumberIn, containsCardNumber, redactCardNumbers } from '../../../shared/cis/cards';

/** A Luhn-valid number of 13 to 19 digits: the check digit computed for random leading digits. */
const pan = fc
  .integer({ min: 13, max: 19 })
  .chain((length) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }),
  )
  .map((digits) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = digits[digits.length - 1 - i];
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return [...digits, (10 - (sum % 10)) % 10].join('');
  });

const separators = [
  '',
  ' ',
  '  ',
  '-',
  ' - ',
  '.',
  '/',
  '_',
  ',',
  '\n',
  '\t',
  '\u00a0',
  '\u200b',
  '\u2009',
  ') (',
  '\r\n',
];
const words = [' then ', ' and ', ' y luego ', ' ok ', ', then, '];
/** Zero of each script's decimal digits: ASCII, full-width, Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali. */
const zeros = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6];

function inScript(digits: string, zero: number): string {
  return [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');
}

function groups(digits: string, sizes: number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out;
}

const rendering = fc.record({
  pan,
  grouping: fc.constantFrom('fours', 'amex', 'singles', 'whole', 'pairs'),
  separator: fc.constantFrom(...separators),
  word: fc.constantFrom(...words),
  useWords: fc.boolean(),
  zero: fc.constantFrom(...zeros),
  before: fc.constantFrom('', 'Customer read ', 'paid with card: ', 'Nota: '),
  after: fc.constantFrom('', ' exp 12/28', ' por teléfono.', '\nthanks'),
});

describe('a card number however it is written', () => {
  it('is found in any script, grouping and separator, with words between printed groups', () => {
    fc.assert(
      fc.property(rendering, (r) => {
        const sizes =
          r.grouping === 'fours'
            ? [4, 4, 4, 4, 4]
            : r.grouping === 'amex'
              ? [4, 6, 5, 4]
              : r.grouping === 'singles'
                ? Array(19).fill(1)
                : r.grouping === 'pairs'
                  ? Array(10).fill(2)
                  : [19];
        const parts = groups(r.pan, sizes).map((g) => inScript(g, r.zero));
        // Words go between groups printed as a card prints them; other groupings get one separator.
        const printed = r.grouping === 'fours' || (r.grouping === 'amex' && r.pan.length === 15);
        const joiner = r.useWords && printed ? r.word : r.separator;
        const text = `${r.before}${parts.join(joiner)}${r.after}`;
        expect(containsCardNumber(text)).toBe(true);
        const redacted = redactCardNumbers(text);
        expect(containsCardNumber(redacted)).toBe(false);
        expect(redacted).toContain('••••');
      }),
      { numRuns: 2000 },
    );
  });

  it('is found as the issue found them slip through', () => {
    for (const text of [
      '4111.1111.1111.1111',
      '4111/1111/1111/1111',
      '4111  1111  1111  1111',
      '4111 - 1111 - 1111 - 1111',
      '4111_1111_1111_1111',
      '4111\n1111\n1111\n1111',
      '4111\t1111\t1111\t1111',
      '4111\u00a01111\u00a01111\u00a01111',
      '4111\u200b1111\u200b1111\u200b1111',
      '4111,1111,1111,1111',
      '(4111) (1111) (1111) (1111)',
      '４１１１ １１１１ １１１１ １１１１',
      '٤١١١ ١١١١ ١١١١ ١١١١',
      '4111 then 1111 and 1111 ok 1111',
      'Maria 4111.1111.1111.1111 Lopez',
      '3782 822463 10005',
    ]) {
      expect([text, containsCardNumber(text)]).toEqual([text, true]);
    }
  });

  it('leaves the numbers of an ordinary note alone', () => {
    for (const text of [
      'Paid $120.55 on 12/07/2026, called from (215) 555-0134 about PA-1001196.',
      'Meter 80012345 read 04512 on 2026-11-30; next read 2026-12-30.',
      'Arrangement: 6 payments of $45.10 from 01/15/2027, down payment $60.00.',
      'Callback 215-555-0199 between 9 and 11, ref 2026 1207 0930.',
      'Balance 1,234.56 past due 30 days 120.00 60 days 80.00',
      '',
      'No digits at all.',
    ]) {
      expect([text, containsCardNumber(text)]).toEqual([text, false]);
    }
  });

  it('is not looked for in a record’s id: a random UUID is not a card number typed', () => {
    // About three UUIDs in a thousand read as a card number; an id field is never text typed.
    const looksLikeOne = '94273950-809a-4257-a024-374560418486';
    expect(containsCardNumber(looksLikeOne)).toBe(true);
    expect(
      cardNumberIn({ type: 'decideAdjustment', adjustmentId: looksLikeOne, reason: 'ok' }),
    ).toBe(false);
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        expect(cardNumberIn({ id: a, billId: b, nested: [{ adjustmentId: a }] })).toBe(false);
      }),
      { numRuns: 3000 },
    );
    // The text beside the id is still read.
    expect(cardNumberIn({ adjustmentId: looksLikeOne, reason: 'card 4111.1111.1111.1111' })).toBe(
      true,
    );
  });

  it('is looked for in every text of a value, however deep', () => {
    expect(cardNumberIn({ a: [{ b: 'x' }, { c: '5500.0000.0000.0004' }] })).toBe(true);
    expect(cardNumberIn({ a: [{ b: 'x' }, { c: 12 }], d: null })).toBe(false);
  });
});
