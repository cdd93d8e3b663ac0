import { defaultTeamSettings } from '../telephony/types';
import { panelIds } from '../workspace/panels';
import type { ValidationOptions } from './issues';

export * from './published';
export * from './runtime';
export * from './samples';
export * from './schema';
export * from './utility-facts';
export * from './validate';

/** What a flow is checked against by default: the team's wrap-up codes, the workspace's panels. */
export const defaultFlowValidation: ValidationOptions = {
  wrapUpCodes: defaultTeamSettings.wrapUpCodes,
  panels: panelIds,
};
