import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../shared/i18n/support';

/**
 * The desk writes a date one way: through useFormat (renderer/features/account/format.ts), Intl
 * in the screen's language, "Jun 9, 2026" in a list and "June 9, 2026" in a sentence. The
 * numeric form (6/9/26) is gone: a Spanish reader takes it for 6 September.
 */
const FORMATTER = 'renderer/features/account/format.ts';
const ELSEWHERE_ON_PURPOSE = [
  // A prompt is written in the caller's language, not the screen's (as shared/flows/template).
  'renderer/features/flows/StepView.tsx',
  // Today as an ISO value for the report's date field, not text.
  'renderer/features/board/board-slice.ts',
];
const OWN_FORMATTING = /new Intl\.DateTimeFormat|toLocale(?:Date|Time)?String|formatPlainDate\(/;

describe('dates on the desk', () => {
  it('are written through the one formatter', () => {
    const own = sourceFiles('renderer')
      .filter((f) => f !== FORMATTER && !ELSEWHERE_ON_PURPOSE.includes(f))
      .filter((f) => OWN_FORMATTING.test(readFileSync(f, 'utf8')));
    expect(own).toEqual([]);
  });

  it('never in the numeric form', () => {
    const numeric = sourceFiles('renderer').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bf\.date\([^)]*'short'\)/g)].map(
        (m) => `${f}: ${m[0]}`,
      ),
    );
    expect(numeric).toEqual([]);
    expect(readFileSync(FORMATTER, 'utf8')).not.toMatch(/'short' \| 'medium'/);
  });
});
