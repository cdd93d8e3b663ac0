import type { UtilityInput } from '../utility';
import { policy as collections } from './collections';
import { marinWater as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
  collections,
};
