import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTeamSettings } from '../../../../electron/services/softphone/team-settings';
import { defaultTeamSettings } from '../../../../shared/telephony';

const folder = (content?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'tapline-team-'));
  if (content !== undefined) writeFileSync(join(dir, 'team.json'), content);
  return dir;
};

describe('the team’s settings', () => {
  it('are the defaults without a team.json', () => {
    expect(loadTeamSettings(folder())).toEqual(defaultTeamSettings);
  });

  it('take each field team.json gives, keeping the defaults for the rest', () => {
    const team = loadTeamSettings(
      folder(
        JSON.stringify({
          goals: { talkSeconds: 300 },
          afterWrapUp: 'not-ready',
          reasonCodes: { break: ['rest-break'] },
        }),
      ),
    );
    expect(team).toEqual({
      ...defaultTeamSettings,
      goals: { ...defaultTeamSettings.goals, talkSeconds: 300 },
      afterWrapUp: 'not-ready',
      reasonCodes: { ...defaultTeamSettings.reasonCodes, break: ['rest-break'] },
    });
  });

  it('refuse a file that is not valid as a whole, saying which field and why', () => {
    const said: string[] = [];
    const bad = loadTeamSettings(
      folder(JSON.stringify({ warnAt: 2, goals: { talkSeconds: 300 } })),
      (m) => said.push(m),
    );
    expect(bad).toEqual(defaultTeamSettings);
    expect(said[0]).toMatch(/warnAt/);
    expect(loadTeamSettings(folder('{ talk: 5 '), (m) => said.push(m))).toEqual(
      defaultTeamSettings,
    );
    expect(said[1]).toMatch(/not JSON/);
    expect(
      loadTeamSettings(folder(JSON.stringify({ wrapUpCodes: [] })), (m) => said.push(m)),
    ).toEqual(defaultTeamSettings);
    expect(said[2]).toMatch(/wrapUpCodes/);
  });
});
