import { defaultTeamSettings } from '../telephony/types';
import type { ValidationOptions } from './issues';

export * from './runtime';
export * from './schema';
export * from './utility-facts';
export * from './validate';

/**
 * The workspace panels a flow's action may open: the ids of the renderer's panel requests
 * (renderer/store/ui-slice.ts; a test keeps the two lists equal).
 */
export const flowPanels = [
  'arrangement',
  'bill-calculator',
  'high-usage',
  'adjustment',
  'disconnection',
  'notice',
  'service-order',
  'start-service',
  'stop-service',
  'transfer-service',
  'change-holder',
  'assistance',
] as const;

/** What a flow is checked against by default: the team's wrap-up codes, the workspace's panels. */
export const defaultFlowValidation: ValidationOptions = {
  wrapUpCodes: defaultTeamSettings.wrapUpCodes,
  panels: flowPanels,
};
