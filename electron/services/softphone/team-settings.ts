import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamSettings } from '../../../shared/ipc';
import { defaultTeamSettings, type TeamSettings } from '../../../shared/telephony';

/**
 * The team's goals and rules (talk, hold and wrap-up goals, the warning share, the wrap-up limit
 * and where it leaves the agent, ring time, wrap-up and reason codes), from `team.json` in the data
 * folder: any field given replaces the default. A file that is not valid is refused as a whole,
 * with the field and the reason, and the defaults stand.
 */
export function loadTeamSettings(
  dataDir: string,
  log: (message: string) => void = () => {},
): TeamSettings {
  const file = join(dataDir, 'team.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      log(`team settings in ${file} are not JSON (${(err as Error).message}): using the defaults`);
    return defaultTeamSettings;
  }
  const given = (raw && typeof raw === 'object' ? raw : {}) as Partial<TeamSettings>;
  const parsed = teamSettings.safeParse({
    ...defaultTeamSettings,
    ...given,
    goals: { ...defaultTeamSettings.goals, ...given.goals },
    reasonCodes: { ...defaultTeamSettings.reasonCodes, ...given.reasonCodes },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    log(`team settings in ${file}: ${issue.path.join('.')}: ${issue.message}; using the defaults`);
    return defaultTeamSettings;
  }
  return parsed.data;
}
