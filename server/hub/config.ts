import { hubConfigFromEnv as fromEnv, type HubSettings } from '../../shared/hub/settings';

/** The hub's settings from the server's environment (see shared/hub/settings for the names). */
export function hubConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  trainingAgents = 0,
): HubSettings {
  return fromEnv(env, trainingAgents);
}
