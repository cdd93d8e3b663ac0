import type { UtilityInput } from '../utility';
import { philadelphiaWater as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
};
