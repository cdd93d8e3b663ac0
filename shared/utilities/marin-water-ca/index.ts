import type { UtilityInput } from '../utility';
import { marinWater as rates } from './rates';

export const utility: UtilityInput = {
  id: rates.id,
  rates,
};
