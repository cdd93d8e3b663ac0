import type { UtilityInput } from '../utility';
import { portlandWater as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
};
