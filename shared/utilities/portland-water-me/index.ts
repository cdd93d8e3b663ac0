import type { UtilityInput } from '../utility';
import { portlandWaterPolicy as collections } from './collections';
import { flowSamples } from './flow-samples';
import { followUp } from './follow-up';
import { lines } from './lines';
import { outbound } from './outbound';
import { payments } from './payments';
import { portlandWater as rates } from './rates';
import { seed } from './seed';
import { service } from './service';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
  collections,
  service,
  payments,
  lines,
  flowSamples,
  followUp,
  outbound,
  seed,
};
