import { ILLUSTRATIVE_LINES, type UtilityLines } from '../lines';

/** Contact-center lines: illustrative 555-01xx numbers until the utility gives its own. */
export const lines: UtilityLines = {
  customerServiceLine: '9495550100',
  emergencyLine: '9495550111',
  interpreterLine: '8005550142',
  interpreterClientId: 'SMWD-3310',
  leadQueue: 'care-leads',
  spanishQueue: 'care-es',
  source: ILLUSTRATIVE_LINES,
};
