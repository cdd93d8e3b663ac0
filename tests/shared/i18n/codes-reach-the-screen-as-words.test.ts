import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readableCode } from '../../../shared/i18n';
import { trainingFloorDay } from '../../../shared/metrics';
import { keysOf, sourceFiles } from './support';

/** Fields of the domain that hold a code (a reason, a team, a state), never words. */
const CODE_FIELDS =
  'reason|reasonCode|wrapUpCode|team|queue|state|kind|type|status|channel|code|why|tender|priority';

/** What only looks like a code shown: sentences already written, a store selection. */
const NOT_A_CODE_SHOWN = [
  // shared/assistance/screening.ts: the program's reason, written in the agent's language.
  'renderer/features/calculators/AssistancePanel.tsx: {screen.reason}',
  // An adjustment's reason as the agent typed it.
  'renderer/features/account/sections.tsx: {a.reason}',
  'renderer/features/approvals/ApprovalQueue.tsx: {r.reason}',
  // The team's settings, selected from the store.
  'renderer/features/softphone/SoftphoneBar.tsx: team: st.team',
];

/** Where a component shows a code field as it is: a JSX child, or a value put into a sentence. */
function rawCodes(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const child = new RegExp(`(?<![=\\w$])\\{\\s*[\\w?.]+\\.(?:${CODE_FIELDS})\\s*\\}`, 'g');
  const param = new RegExp(`\\b(?:${CODE_FIELDS}):\\s*[\\w?.]+\\.(?:${CODE_FIELDS})\\s*[,}]`, 'g');
  return [...text.matchAll(child), ...text.matchAll(param)]
    .map((m) => `${file}: ${m[0].trim().replace(/,$/, '')}`)
    .filter((hit) => !NOT_A_CODE_SHOWN.includes(hit));
}

/** A translation's fallback: it must read as words (readableCode), not the code the key failed on. */
function rawFallbacks(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/defaultValue:\s*([^,}\n]+)/g)]
    .map((m) => m[1].trim())
    .filter((value) => !/readableCode\(/.test(value))
    .map((value) => `${file}: defaultValue: ${value}`);
}

describe('codes reach the screen as words', () => {
  it('reads an unnamed code as words', () => {
    expect(readableCode('care-a')).toBe('Care A');
    expect(readableCode('personal-time')).toBe('Personal time');
    expect(readableCode('east_side')).toBe('East side');
    expect(readableCode('english')).toBe('English');
  });

  it('no renderer file shows a code field as it is', () => {
    const components = sourceFiles('renderer').filter((f) => f.endsWith('.tsx'));
    expect(components.flatMap(rawCodes)).toEqual([]);
  });

  it('no translation falls back to the code it could not name', () => {
    expect(sourceFiles('renderer').flatMap(rawFallbacks)).toEqual([]);
  });

  it('every team and reason code the training floor plays has its words in both languages', () => {
    const events = trainingFloorDay({ date: '2026-11-17', timeZone: 'America/New_York' });
    const states = events.filter((e) => e.kind === 'agent.state');
    const teams = new Set(states.map((e) => e.team));
    const reasons = new Set(states.flatMap((e) => (e.reasonCode ? [e.reasonCode] : [])));
    expect(teams.size).toBeGreaterThan(1);
    expect(reasons.size).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const lang of ['en', 'es'] as const) {
      for (const team of teams)
        if (!keysOf[lang].get('board')!.has(`teams.names.${team}`))
          missing.push(`${lang} board:teams.names.${team}`);
      for (const reason of reasons)
        if (!keysOf[lang].get('softphone')!.has(`reasonCodes.${reason}`))
          missing.push(`${lang} softphone:reasonCodes.${reason}`);
    }
    expect(missing).toEqual([]);
  });
});
