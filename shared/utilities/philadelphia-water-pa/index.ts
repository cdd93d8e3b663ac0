import type { UtilityInput } from '../utility';
import { philadelphiaWaterPolicy as collections } from './collections';
import { philadelphiaWater as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
  collections,
};
